using System.Text.Json.Serialization;

namespace HelpDesk.Web.Security;

/// <summary>A token endpoint's answer (refresh and client-credentials grants).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

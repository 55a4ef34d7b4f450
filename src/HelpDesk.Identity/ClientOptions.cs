namespace HelpDesk.Identity;

public sealed class ClientOptions
{
    public string ClientId { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>"public" (browser and native apps: PKCE, no secret) or "confidential" (has a secret).</summary>
    public string Type { get; set; } = "public";

    /// <summary>Only for confidential clients; stored hashed by OpenIddict.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>authorization_code, refresh_token, client_credentials.</summary>
    public List<string> GrantTypes { get; set; } = [];

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>Scopes the client may ask for (openid, profile, email, roles, offline_access and API scopes).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Roles carried by client-credentials tokens of this client (e.g. "agent" for an integration).</summary>
    public List<string> Roles { get; set; } = [];
}

namespace HelpDesk.Gateway.Security;

internal static class ApiKeyHttpContextExtensions
{
    /// <summary>The verified caller of this request, or null when it is not authenticated.</summary>
    public static ApiKeyIdentity? GetApiKeyIdentity(this HttpContext context) => context.Features.Get<ApiKeyIdentity>();
}

using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Gateway.Security;

internal static class GatewayIdentityHttpContextExtensions
{
    /// <summary>The verified caller of this request, or null when it is not authenticated.</summary>
    public static GatewayIdentity? GetGatewayIdentity(this HttpContext context)
    {
        if (context.Features.Get<GatewayIdentity>() is { } known)
        {
            return known;
        }
        // Made once per key, not per request.
        return context.GetApiKeyIdentity()?.Gateway;
    }
}

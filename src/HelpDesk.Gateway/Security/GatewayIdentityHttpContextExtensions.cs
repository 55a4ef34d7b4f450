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
        if (context.GetApiKeyIdentity() is { } key)
        {
            var identity = GatewayIdentity.FromApiKey(key);
            context.Features.Set(identity);
            return identity;
        }
        return null;
    }
}

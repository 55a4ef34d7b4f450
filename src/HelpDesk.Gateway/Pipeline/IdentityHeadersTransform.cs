using HelpDesk.Gateway.Security;
using HelpDesk.ServiceDefaults.Http;
using Yarp.ReverseProxy.Transforms;

namespace HelpDesk.Gateway.Pipeline;

/// <summary>
/// What the service receives: the caller's identity in X-HelpDesk-* headers (set here only), the correlation id,
/// and never the API key itself.
/// </summary>
internal static class IdentityHeadersTransform
{
    public static ValueTask ApplyAsync(RequestTransformContext transform)
    {
        var headers = transform.ProxyRequest.Headers;
        foreach (var name in headers.Select(h => h.Key).Where(k => k.StartsWith(HelpDeskHeaders.IdentityPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            headers.Remove(name);
        }
        headers.Remove(GatewayHeaders.ApiKey);
        if (string.Equals(headers.Authorization?.Scheme, GatewayHeaders.AuthorizationScheme, StringComparison.OrdinalIgnoreCase))
        {
            headers.Authorization = null;
        }

        var context = transform.HttpContext;
        if (context.Items.TryGetValue(CorrelationIdMiddleware.ItemKey, out var correlationId) && correlationId is string id)
        {
            headers.Remove(HelpDeskHeaders.CorrelationId);
            headers.TryAddWithoutValidation(HelpDeskHeaders.CorrelationId, id);
        }

        if (context.GetApiKeyIdentity() is { } identity)
        {
            headers.TryAddWithoutValidation(HelpDeskHeaders.ClientId, identity.Id);
            headers.TryAddWithoutValidation(HelpDeskHeaders.ClientName, identity.Name);
            headers.TryAddWithoutValidation(HelpDeskHeaders.Channel, identity.Channel);
            headers.TryAddWithoutValidation(HelpDeskHeaders.Scopes, identity.ScopesHeader);
        }
        return ValueTask.CompletedTask;
    }
}

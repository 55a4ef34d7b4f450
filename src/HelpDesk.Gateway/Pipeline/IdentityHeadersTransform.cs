using HelpDesk.Gateway.Security;
using HelpDesk.ServiceDefaults.Http;
using Yarp.ReverseProxy.Transforms;

namespace HelpDesk.Gateway.Pipeline;

/// <summary>
/// What the service receives: the verified caller as a short-lived token the gateway signs
/// ("Authorization: Bearer …", see <see cref="ServiceTokens"/>), the correlation id, and never the client's
/// own credential (API key or access token) nor any X-HelpDesk-* header a client sent.
/// </summary>
internal static class IdentityHeadersTransform
{
    public static ValueTask ApplyAsync(RequestTransformContext transform, ServiceTokenSigner signer)
    {
        var headers = transform.ProxyRequest.Headers;
        foreach (var name in headers.Select(h => h.Key).Where(k => k.StartsWith(HelpDeskHeaders.IdentityPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            headers.Remove(name);
        }
        headers.Remove(GatewayHeaders.ApiKey);
        headers.Authorization = null;

        var context = transform.HttpContext;
        if (context.Items.TryGetValue(CorrelationIdMiddleware.ItemKey, out var correlationId) && correlationId is string id)
        {
            headers.Remove(HelpDeskHeaders.CorrelationId);
            headers.TryAddWithoutValidation(HelpDeskHeaders.CorrelationId, id);
        }

        if (context.GetGatewayIdentity() is { } identity)
        {
            headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", signer.Sign(identity.Caller));
        }
        return ValueTask.CompletedTask;
    }
}

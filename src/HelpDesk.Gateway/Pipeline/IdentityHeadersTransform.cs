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
        // NonValidated: walks the names without parsing every header's values (the arrival middleware already
        // stripped them from the client's request; this also covers headers added by configured transforms).
        List<string>? forged = null;
        foreach (var header in headers.NonValidated)
        {
            if (header.Key.StartsWith(HelpDeskHeaders.IdentityPrefix, StringComparison.OrdinalIgnoreCase))
            {
                (forged ??= []).Add(header.Key);
            }
        }
        forged?.ForEach(name => headers.Remove(name));
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

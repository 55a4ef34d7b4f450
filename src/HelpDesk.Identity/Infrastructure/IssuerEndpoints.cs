using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace HelpDesk.Identity.Infrastructure;

/// <summary>
/// With a public issuer configured, discovery advertises every endpoint under that issuer. OpenIddict otherwise builds
/// them from the request's own host, which behind the gateway is the service's private address: a browser sent there
/// by a relying party (the web app) could not reach it, and the scheme would be http behind a TLS ingress.
/// </summary>
internal static class IssuerEndpoints
{
    public static OpenIddictServerHandlerDescriptor Descriptor(Uri issuer) =>
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseInlineHandler(context =>
            {
                context.AuthorizationEndpoint = Under(issuer, context.AuthorizationEndpoint);
                context.TokenEndpoint = Under(issuer, context.TokenEndpoint);
                context.UserInfoEndpoint = Under(issuer, context.UserInfoEndpoint);
                context.EndSessionEndpoint = Under(issuer, context.EndSessionEndpoint);
                context.JsonWebKeySetEndpoint = Under(issuer, context.JsonWebKeySetEndpoint);
                context.IntrospectionEndpoint = Under(issuer, context.IntrospectionEndpoint);
                context.RevocationEndpoint = Under(issuer, context.RevocationEndpoint);
                return default;
            })
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachEndpoints.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    // Keeps the path (and any base path of the service), swaps scheme, host and port for the issuer's.
    private static Uri? Under(Uri issuer, Uri? endpoint) =>
        endpoint is null ? null : new UriBuilder(endpoint) { Scheme = issuer.Scheme, Host = issuer.Host, Port = issuer.Port }.Uri;
}

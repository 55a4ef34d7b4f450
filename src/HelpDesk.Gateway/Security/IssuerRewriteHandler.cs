namespace HelpDesk.Gateway.Security;

/// <summary>
/// Sends the JwtBearer handler's requests for the issuer's public URLs (discovery names them) to the address the
/// discovery document was fetched from: the gateway reaches the identity service inside the cluster, not through
/// its own public ingress.
/// </summary>
internal sealed class IssuerRewriteHandler(Uri publicBase, Uri internalAddress) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly string _public = publicBase.GetLeftPart(UriPartial.Authority);
    private readonly string _internal = internalAddress.GetLeftPart(UriPartial.Authority);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri?.ToString();
        if (uri is not null && uri.StartsWith(_public, StringComparison.OrdinalIgnoreCase))
        {
            request.RequestUri = new Uri(_internal + uri[_public.Length..]);
        }
        return base.SendAsync(request, cancellationToken);
    }
}

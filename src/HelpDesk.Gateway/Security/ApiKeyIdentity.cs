using System.Security.Claims;

namespace HelpDesk.Gateway.Security;

/// <summary>Who a request comes from, once its key is verified. Stored as a request feature for the limiter and transforms.</summary>
public sealed record ApiKeyIdentity(
    string Id,
    string Name,
    string Channel,
    IReadOnlySet<string> Scopes,
    int RateLimitPerMinute,
    int Burst)
{
    /// <summary>Space-separated and sorted, as forwarded in X-HelpDesk-Scopes.</summary>
    public string ScopesHeader { get; } = string.Join(' ', Scopes.Order(StringComparer.Ordinal));

    /// <summary>
    /// The caller and limits every request with this key gets. Built once per key (the store rebuilds identities when
    /// configuration changes), so a request costs no caller, no bucket key and, for the signer, no claim list.
    /// </summary>
    public GatewayIdentity Gateway { get; } = GatewayIdentity.FromApiKey(Id, Name, Channel, Scopes, RateLimitPerMinute, Burst);

    /// <summary>The authenticated principal of this key, built once: nothing in the gateway changes a request's principal.</summary>
    public ClaimsPrincipal Principal { get; } = BuildPrincipal(Id, Name, Channel, Scopes);

    public bool HasScope(string scope) => Scopes.Contains(scope);

    private static ClaimsPrincipal BuildPrincipal(string id, string name, string channel, IReadOnlySet<string> scopes)
    {
        var claims = new List<Claim>
        {
            new(ApiKeyAuthenticationHandler.ClientIdClaim, id),
            new(ClaimTypes.Name, name),
            new(ApiKeyAuthenticationHandler.ChannelClaim, channel),
        };
        claims.AddRange(scopes.Select(s => new Claim(ApiKeyAuthenticationHandler.ScopeClaim, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthenticationHandler.SchemeName));
    }
}

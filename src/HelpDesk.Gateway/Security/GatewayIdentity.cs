using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Gateway.Security;

/// <summary>The verified caller of a request (API key or bearer token) and the rate limit that applies to it.</summary>
public sealed record GatewayIdentity(Caller Caller, int RateLimitPerMinute, int Burst)
{
    /// <summary>
    /// The limiter's bucket: callers of different kinds never share one, and the limits are part of the key so a
    /// configuration change takes effect at once. Made once per identity (an API key's lives as long as its configuration).
    /// </summary>
    public string LimiterKey { get; } = $"{Caller.Kind}:{Caller.Id}|{RateLimitPerMinute}|{Burst}";

    /// <summary>An API key's caller: a channel app with the key's scopes and no role.</summary>
    public static GatewayIdentity FromApiKey(string id, string name, string channel, IReadOnlySet<string> scopes, int rateLimitPerMinute, int burst) =>
        new(new Caller(id, name, channel, scopes, new HashSet<string>(StringComparer.Ordinal))
        {
            Kind = CallerKinds.Channel,
            Origin = "api-key",
        }, rateLimitPerMinute, burst);
}

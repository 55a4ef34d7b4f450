using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Gateway.Security;

/// <summary>The verified caller of a request (API key or bearer token) and the rate limit that applies to it.</summary>
public sealed record GatewayIdentity(Caller Caller, int RateLimitPerMinute, int Burst)
{
    /// <summary>What the limiter partitions on: callers of different kinds never share a bucket.</summary>
    public string PartitionKey => $"{Caller.Kind}:{Caller.Id}";

    public static GatewayIdentity FromApiKey(ApiKeyIdentity key) =>
        new(new Caller(key.Id, key.Name, key.Channel, key.Scopes, new HashSet<string>(StringComparer.Ordinal))
        {
            Kind = CallerKinds.Channel,
            Origin = "api-key",
        }, key.RateLimitPerMinute, key.Burst);
}

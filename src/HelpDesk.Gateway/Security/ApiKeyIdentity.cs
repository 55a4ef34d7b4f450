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

    public bool HasScope(string scope) => Scopes.Contains(scope);
}

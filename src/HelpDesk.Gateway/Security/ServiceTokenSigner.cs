using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace HelpDesk.Gateway.Security;

/// <summary>
/// Signs the short-lived token forwarded with every authenticated request (HelpDesk:ServiceTokens:SigningKey).
/// Without a configured key the gateway makes one for its lifetime and says so: services that were not given
/// its public key will then refuse everything, which is the safe failure.
/// </summary>
public sealed class ServiceTokenSigner
{
    private readonly ECDsaSecurityKey _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;

    public ServiceTokenSigner(IOptions<ServiceTokenOptions> options, TimeProvider clock, ILogger<ServiceTokenSigner> logger)
    {
        var pem = options.Value.SigningKey;
        if (string.IsNullOrWhiteSpace(pem))
        {
            (pem, var publicKey) = ServiceTokens.NewKeyPair();
            logger.LogWarning("No {Section}:SigningKey is configured: signing forwarded identities with a key made at start. " +
                "Services must be given its public key ({Section}:VerificationKeys:0):\n{PublicKey}", ServiceTokenOptions.Section, ServiceTokenOptions.Section, publicKey);
        }
        _key = ServiceTokens.LoadKey(pem);
        PublicKeyPem = ServiceTokens.PublicKeyOf(pem);
        _lifetime = options.Value.Lifetime;
        _clock = clock;
    }

    public string PublicKeyPem { get; }

    /// <summary>
    /// The token for <paramref name="caller"/>: one signed token is reused for the same claims during the first quarter
    /// of its lifetime, so a channel app's stream of requests costs one ECDSA signature every 30 s rather than one per
    /// request. A reused token is exactly as valid as a fresh one (same claims, at least three quarters of its life left).
    /// </summary>
    public string Sign(Caller caller)
    {
        var now = _clock.GetUtcNow();
        // An API key's caller is one object for as long as its configuration: reuse by reference, without
        // building the claim list. A caller object never changes (a record with init-only members).
        if (_byCaller.TryGetValue(caller, out var mine) && mine.IsFresh(now))
        {
            return mine.Token;
        }
        var claims = ServiceTokens.ClaimsOf(caller);
        var key = CacheKey(claims);
        if (!_recent.TryGetValue(key, out var recent) || !recent.IsFresh(now))
        {
            recent = new RecentToken(ServiceTokens.Create(_key, claims, _lifetime, _clock), now, now + _lifetime / 4);
            if (_recent.Count >= MaxRecent)
            {
                _recent.Clear();
            }
            _recent[key] = recent;
        }
        _byCaller.AddOrUpdate(caller, recent);
        return recent.Token;
    }

    private const int MaxRecent = 10_000;

    private readonly ConcurrentDictionary<string, RecentToken> _recent = new(StringComparer.Ordinal);

    /// <summary>The same tokens by caller object; an entry goes when its caller is collected.</summary>
    private readonly ConditionalWeakTable<Caller, RecentToken> _byCaller = new();

    /// <summary>Every claim type and value, length-prefixed so that no two different claim lists share a key.</summary>
    private static string CacheKey(List<Claim> claims)
    {
        var key = new StringBuilder();
        foreach (var claim in claims)
        {
            key.Append(claim.Type.Length).Append(':').Append(claim.Type).Append(claim.Value.Length).Append(':').Append(claim.Value);
        }
        return key.ToString();
    }

    private sealed record RecentToken(string Token, DateTimeOffset IssuedAt, DateTimeOffset RenewAt)
    {
        public bool IsFresh(DateTimeOffset now) => now < RenewAt && now >= IssuedAt;
    }
}

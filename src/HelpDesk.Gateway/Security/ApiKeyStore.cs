using System.Security.Cryptography;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.Extensions.Options;

namespace HelpDesk.Gateway.Security;

/// <summary>
/// The configured keys, rebuilt when configuration changes (rotating keys needs no restart). With no key
/// configured and anonymous access not switched on, a random key is issued for this run and logged, so the
/// gateway is usable out of the box but never open.
/// </summary>
public sealed class ApiKeyStore : IDisposable
{
    public const string BootstrapKeyId = "bootstrap";
    public const string AnonymousId = "anonymous";
    public const string LocalKeyId = "local";

    /// <summary>A developer's own key drives load tests and scripts on loopback: the channel default would throttle them.</summary>
    private const int LocalKeyRateLimitPerMinute = 120_000;
    private const int LocalKeyBurst = 2_000;

    private readonly TimeProvider _time;
    private readonly ILogger<ApiKeyStore> _logger;
    private readonly IDisposable? _subscription;
    private volatile Snapshot _snapshot;
    private string? _bootstrapKey;

    public ApiKeyStore(IOptionsMonitor<GatewayOptions> options, TimeProvider time, ILogger<ApiKeyStore> logger)
    {
        _time = time;
        _logger = logger;
        _snapshot = Build(options.CurrentValue);
        _subscription = options.OnChange(o => _snapshot = Build(o));
    }

    /// <summary>The key issued at start-up when none is configured; null otherwise.</summary>
    public string? BootstrapKey => _snapshot.Bootstrap ? _bootstrapKey : null;

    /// <summary>The identity of requests without a key, when anonymous access is allowed.</summary>
    public ApiKeyIdentity? Anonymous => _snapshot.Anonymous;

    /// <summary>Checks a presented key against every configured hash in constant time per entry, without early exit.</summary>
    public KeyCheck Check(string presentedKey, out ApiKeyIdentity? identity)
    {
        var snapshot = _snapshot;
        Span<byte> plain = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> peppered = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ApiKeyHash.Compute(presentedKey, null, plain);
        if (snapshot.Pepper is not null)
        {
            ApiKeyHash.Compute(presentedKey, snapshot.Pepper, peppered);
        }
        Entry? match = null;
        foreach (var entry in snapshot.Entries)
        {
            var candidate = entry.Hash.Algorithm == ApiKeyHashAlgorithm.Sha256 ? plain : peppered;
            if (CryptographicOperations.FixedTimeEquals(candidate, entry.Hash.Digest))
            {
                match = entry;
            }
        }

        identity = null;
        if (match is null)
        {
            return KeyCheck.Unknown;
        }
        if (match.Revoked)
        {
            return KeyCheck.Revoked;
        }
        if (match.ExpiresAt is { } expiresAt && expiresAt <= _time.GetUtcNow())
        {
            return KeyCheck.Expired;
        }
        identity = match.Identity;
        return KeyCheck.Valid;
    }

    public void Dispose() => _subscription?.Dispose();

    private Snapshot Build(GatewayOptions options)
    {
        var pepper = string.IsNullOrEmpty(options.KeyPepper) ? null : options.KeyPepper;
        var entries = new List<Entry>();
        foreach (var key in options.ApiKeys)
        {
            if (!ApiKeyHash.TryParse(key.KeyHash, out var hash))
            {
                continue; // rejected by GatewayOptionsValidator at start-up; a bad reload must not open anything
            }
            var limit = key.RateLimitPerMinute ?? options.DefaultRateLimitPerMinute;
            var identity = new ApiKeyIdentity(
                key.Id, key.Name ?? key.Id, key.Channel,
                key.Scopes.ToHashSet(StringComparer.Ordinal), limit, key.Burst ?? limit);
            entries.Add(new Entry(hash, identity, key.Revoked, key.ExpiresAt));
        }

        ApiKeyIdentity? anonymous = null;
        var bootstrap = false;
        if (options.AllowAnonymous)
        {
            anonymous = new ApiKeyIdentity(
                AnonymousId, "Anonymous", "api", options.EffectiveAnonymousScopes.ToHashSet(StringComparer.Ordinal),
                options.DefaultRateLimitPerMinute, options.DefaultRateLimitPerMinute);
            _logger.LogWarning(
                "Gateway:AllowAnonymous is on: requests without an API key are accepted with scopes [{Scopes}]. Do not use this in production.",
                anonymous.ScopesHeader);
        }
        else if (entries.Count == 0)
        {
            bootstrap = true;
            var local = !string.IsNullOrWhiteSpace(options.LocalKeyFile);
            _bootstrapKey ??= local ? LocalKeyFile.Ensure(options.LocalKeyFile!) : ApiKeyHash.NewKey();
            var identity = local
                ? new ApiKeyIdentity(LocalKeyId, "Local developer", "api", HelpDeskScopes.All.ToHashSet(StringComparer.Ordinal), LocalKeyRateLimitPerMinute, LocalKeyBurst)
                : new ApiKeyIdentity(
                    BootstrapKeyId, "Start-up key", "api", HelpDeskScopes.All.ToHashSet(StringComparer.Ordinal),
                    options.DefaultRateLimitPerMinute, options.DefaultRateLimitPerMinute);
            entries.Add(new Entry(ApiKeyHash.Compute(_bootstrapKey, pepper), identity, Revoked: false, ExpiresAt: null));
            if (local)
            {
                _logger.LogInformation("No API keys are configured: the local developer key in {LocalKeyFile} has every scope.", options.LocalKeyFile);
                return new Snapshot(entries, pepper, anonymous, bootstrap);
            }
            _logger.LogWarning(
                "No API keys are configured (Gateway:ApiKeys). Issued a start-up key with every scope, valid until the gateway stops: {BootstrapKey}. Configure keys before exposing the gateway (docs/gateway.md).",
                _bootstrapKey);
        }
        return new Snapshot(entries, pepper, anonymous, bootstrap);
    }

    private sealed record Entry(ApiKeyHash Hash, ApiKeyIdentity Identity, bool Revoked, DateTimeOffset? ExpiresAt);

    private sealed record Snapshot(IReadOnlyList<Entry> Entries, string? Pepper, ApiKeyIdentity? Anonymous, bool Bootstrap);
}

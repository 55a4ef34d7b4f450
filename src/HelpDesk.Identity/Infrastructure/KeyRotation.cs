using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Identity.Infrastructure;

/// <summary>
/// Rolls the token server's keys over: makes the first keys on an empty database, publishes the next signing key
/// <see cref="KeyRotationOptions.PublishAhead"/> before it signs, keeps superseded keys while tokens they made can
/// still be presented, and deletes expired ones. Every replica runs it; all load the same keys from identitydb.
/// </summary>
public sealed class KeyRotation(
    IServiceScopeFactory scopes,
    SigningKeyRing ring,
    IOptionsMonitor<IdentityServiceOptions> options,
    TimeProvider clock,
    ILogger<KeyRotation> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Keys must be there before the first request: hosted services start before the server listens.
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CurrentValue.Keys.CheckInterval, clock, stoppingToken);
                await RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Key rotation check failed; the current keys stay in use");
            }
        }
    }

    /// <summary>Makes keys that are due, then loads every usable key into the ring.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityServiceDbContext>();
        var now = clock.GetUtcNow();
        var settings = options.CurrentValue;
        await PlanAsync(db, SigningKey.SigningUse, settings.Keys.SigningGrace, now, cancellationToken);
        await PlanAsync(db, SigningKey.EncryptionUse, settings.RefreshTokenLifetime, now, cancellationToken);
        await LoadAsync(db, now, cancellationToken);
    }

    /// <summary>Makes a new signing and encryption key that take over at once (e.g. after a suspected key leak).</summary>
    public async Task RotateNowAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityServiceDbContext>();
        var now = clock.GetUtcNow();
        var settings = options.CurrentValue;
        var lifetime = settings.Keys.RotationPeriod + settings.Keys.PublishAhead;
        var keys = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
        db.SigningKeys.Add(NewKey(SigningKey.SigningUse, now.AddMinutes(-1), OutliveAll(keys, SigningKey.SigningUse, now, lifetime + settings.Keys.SigningGrace), now));
        db.SigningKeys.Add(NewKey(SigningKey.EncryptionUse, now.AddMinutes(-1), OutliveAll(keys, SigningKey.EncryptionUse, now, lifetime + settings.RefreshTokenLifetime), now));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Token keys rotated on request");
        await LoadAsync(db, now, cancellationToken);
    }

    /// <summary>
    /// OpenIddict signs with the valid key that expires last, so a key made on request must expire strictly after every
    /// key of its use: with the scheduled lifetime alone, a rotation in the same second as the first key ties with it
    /// (whole-second certificates) and either key may sign.
    /// </summary>
    private static TimeSpan OutliveAll(IReadOnlyList<SigningKey> keys, string use, DateTimeOffset now, TimeSpan lifetime)
    {
        var start = TruncateToSeconds(now.AddMinutes(-1));
        var latest = keys.Where(k => k.Use == use).Select(k => k.NotAfter).DefaultIfEmpty(start).Max();
        var needed = latest - start + TimeSpan.FromSeconds(1);
        return needed > lifetime ? needed : lifetime;
    }

    private async Task PlanAsync(IdentityServiceDbContext db, string use, TimeSpan grace, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rotation = options.CurrentValue.Keys.RotationPeriod;
        var ahead = options.CurrentValue.Keys.PublishAhead;
        var keys = await db.SigningKeys.Where(k => k.Use == use).ToListAsync(cancellationToken);
        var expired = keys.Where(k => k.NotAfter <= now).ToList();
        db.SigningKeys.RemoveRange(expired);

        var live = keys.Except(expired).ToList();
        var newest = live.MaxBy(k => k.NotBefore);
        if (newest is null)
        {
            // A key's lifetime covers its own rotation period, the next key's publication ahead and the grace after it.
            db.SigningKeys.Add(NewKey(use, now.AddMinutes(-1), rotation + ahead + grace, now));
            logger.LogInformation("Created the first {Use} key", use);
        }
        else if (newest.NotBefore <= now && newest.NotBefore + rotation - ahead <= now)
        {
            var start = newest.NotBefore + rotation;
            start = start < now ? now : start;
            db.SigningKeys.Add(NewKey(use, start, rotation + ahead + grace, now));
            logger.LogInformation("Created the next {Use} key, in use from {Start:O}", use, start);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task LoadAsync(IdentityServiceDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = await db.SigningKeys.AsNoTracking().Where(k => k.NotAfter > now).ToListAsync(cancellationToken);
        X509Certificate2[] Load(string use) => [.. keys.Where(k => k.Use == use).OrderByDescending(k => k.NotBefore)
            .Select(k => X509CertificateLoader.LoadPkcs12(k.Certificate, password: null, X509KeyStorageFlags.EphemeralKeySet))];

        // Encryption keys that are not valid yet cannot decrypt anything and would only confuse the server.
        ring.Replace(Load(SigningKey.SigningUse), [.. Load(SigningKey.EncryptionUse).Where(c => c.NotBefore <= now.UtcDateTime)]);
    }

    private static SigningKey NewKey(string use, DateTimeOffset notBefore, TimeSpan lifetime, DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=HelpDesk identity {use} key", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            use == SigningKey.SigningUse ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.KeyEncipherment, critical: true));
        // Whole seconds: certificates cannot express less, and the stored bounds must match the certificate's.
        var start = TruncateToSeconds(notBefore);
        var end = TruncateToSeconds(notBefore + lifetime);
        using var certificate = request.CreateSelfSigned(start, end);
        return new SigningKey
        {
            Id = Guid.CreateVersion7(),
            Use = use,
            Certificate = certificate.Export(X509ContentType.Pfx),
            NotBefore = start,
            NotAfter = end,
            CreatedAt = now,
        };
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}

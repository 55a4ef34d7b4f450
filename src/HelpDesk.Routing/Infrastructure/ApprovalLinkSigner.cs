using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HelpDesk.Routing.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Routing.Infrastructure;

/// <summary>
/// Signs and verifies approval links: <c>base64url(vote|a-or-r|expiry|nonce).base64url(HMAC-SHA256)</c>. The link
/// is the credential (like a password-reset link): it names one seat and one decision, expires, and is good once
/// (the seat's nonce is cleared when it is decided). The key is loaded (or created) at start, by
/// <see cref="StartAsync"/>, never inside a request's transaction: on SQLite a second connection writing the key
/// would wait for the very transaction that needs it.
/// </summary>
public sealed class ApprovalLinkSigner(IOptionsMonitor<ApprovalOptions> options, IServiceScopeFactory scopes) : IHostedService
{
    private const string KeyName = "approval-link-key";
    private byte[]? _key;

    public async Task<string> SignAsync(ApprovalLink link, CancellationToken cancellationToken)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('|', link.VoteId.ToString("N"), link.Approve ? "a" : "r",
            link.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), link.Nonce.ToString("N")));
        var signature = HMACSHA256.HashData(await KeyAsync(cancellationToken), payload);
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>The link a token stands for, or null when it is malformed or its signature does not match.</summary>
    public async Task<ApprovalLink?> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        var parts = token.Split('.');
        if (parts.Length != 2 || parts[0].Length > 200 || parts[1].Length > 100)
        {
            return null;
        }
        byte[] payload, signature;
        try
        {
            payload = Base64Url.DecodeFromChars(parts[0]);
            signature = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(await KeyAsync(cancellationToken), payload), signature))
        {
            return null;
        }
        var fields = Encoding.UTF8.GetString(payload).Split('|');
        return fields.Length == 4 && Guid.TryParseExact(fields[0], "N", out var vote) && fields[1] is "a" or "r"
            && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) && Guid.TryParseExact(fields[3], "N", out var nonce)
            ? new ApprovalLink(vote, fields[1] == "a", DateTimeOffset.FromUnixTimeSeconds(expires), nonce)
            : null;
    }

    /// <summary>
    /// The e-mail reply token of one seat: its id and 128 bits of HMAC (domain-separated from links), in hex so it fits
    /// a Message-ID. It names the seat only; the reply decides nothing unless its sender holds that seat.
    /// </summary>
    public async Task<string> ReplyTokenAsync(Guid voteId, CancellationToken cancellationToken) =>
        voteId.ToString("N") + Convert.ToHexStringLower(await ReplyMacAsync(voteId, cancellationToken));

    /// <summary>The seat a reply token names, or null when it is malformed or forged.</summary>
    public async Task<Guid?> VerifyReplyTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length != 64 || !Guid.TryParseExact(token[..32], "N", out var voteId))
        {
            return null;
        }
        byte[] presented;
        try
        {
            presented = Convert.FromHexString(token[32..]);
        }
        catch (FormatException)
        {
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(await ReplyMacAsync(voteId, cancellationToken), presented) ? voteId : null;
    }

    private async Task<byte[]> ReplyMacAsync(Guid voteId, CancellationToken cancellationToken) =>
        HMACSHA256.HashData(await KeyAsync(cancellationToken), Encoding.UTF8.GetBytes("reply|" + voteId.ToString("N")))[..16];

    public string Url(string token) => $"{options.CurrentValue.PublicBaseUrl.TrimEnd('/')}/api/v1/routing/approvals/links/{token}";

    public async Task StartAsync(CancellationToken cancellationToken) => await KeyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is not null)
        {
            return _key;
        }
        if (options.CurrentValue.LinkSigningKey is { Length: > 0 } configured)
        {
            var bytes = Convert.FromBase64String(configured);
            return _key = bytes.Length >= 32 ? bytes : throw new InvalidOperationException("Routing:Approvals:LinkSigningKey must be at least 32 bytes (base64).");
        }
        return _key = Convert.FromBase64String(await LoadOrCreateAsync(cancellationToken));
    }

    private async Task<string> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        if (await db.Secrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == KeyName, cancellationToken) is { } stored)
        {
            return stored.Value;
        }
        db.Secrets.Add(new RoutingSecret { Name = KeyName, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), CreatedAt = DateTimeOffset.UtcNow });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another replica created it first: use theirs.
        }
        db.ChangeTracker.Clear();
        return (await db.Secrets.AsNoTracking().FirstAsync(s => s.Name == KeyName, cancellationToken)).Value;
    }
}

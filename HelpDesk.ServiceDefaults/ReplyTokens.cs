using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace HelpDesk.ServiceDefaults;

/// <summary>
/// Per-ticket, per-recipient reply tokens of notification e-mails. Notifications puts the token in the thread id
/// every mail about a ticket carries (In-Reply-To and References: <c>ticket-HD-000123.&lt;token&gt;@domain</c>);
/// Intake accepts an e-mail reply as a comment only when its references carry a token made for that ticket and
/// that sender. A guessed ticket number, or a token forwarded to someone else, is not enough: such mail becomes a
/// new ticket. Both services share the secret <see cref="SecretKey"/>.
/// </summary>
public static partial class ReplyTokens
{
    /// <summary>Configuration key of the shared secret (at least 32 characters; a Kubernetes secret in production).</summary>
    public const string SecretKey = "HelpDesk:EmailReplySecret";

    /// <summary>80 bits of HMAC-SHA256 over the ticket number and the recipient's address, in lower-case hex.</summary>
    public static string Token(string secret, string ticketNumber, string recipient)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{ticketNumber.ToUpperInvariant()}\n{recipient.Trim().ToLowerInvariant()}"));
        return Convert.ToHexStringLower(mac.AsSpan(0, 10));
    }

    /// <summary>The thread id of a ticket's mails to one recipient (without a secret: the plain, untrusted form).</summary>
    public static string ThreadId(string ticketNumber, string domain, string? secret, string recipient) =>
        string.IsNullOrEmpty(secret)
            ? $"ticket-{ticketNumber}@{domain}"
            : $"ticket-{ticketNumber}.{Token(secret, ticketNumber, recipient)}@{domain}";

    /// <summary>The ticket number in a message id that carries a token valid for <paramref name="sender"/>, if any.</summary>
    public static string? VerifiedTicketNumber(IEnumerable<string> messageIds, string? secret, string sender)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(sender))
        {
            return null;
        }
        foreach (var id in messageIds)
        {
            var match = TokenThreadId().Match(id);
            if (!match.Success)
            {
                continue;
            }
            var number = match.Groups["number"].Value.ToUpperInvariant();
            var expected = Encoding.ASCII.GetBytes(Token(secret, number, sender));
            var presented = Encoding.ASCII.GetBytes(match.Groups["token"].Value.ToLower(CultureInfo.InvariantCulture));
            if (CryptographicOperations.FixedTimeEquals(expected, presented))
            {
                return number;
            }
        }
        return null;
    }

    [GeneratedRegex(@"^<?ticket-(?<number>[A-Za-z]{1,10}-\d{1,12})\.(?<token>[0-9a-fA-F]{20})@", RegexOptions.CultureInvariant)]
    private static partial Regex TokenThreadId();
}

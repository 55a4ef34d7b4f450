using System.Text.RegularExpressions;

namespace HelpDesk.ServiceDefaults;

/// <summary>
/// Message-ids of approval e-mails. Routing signs one reply token per approver seat (it alone holds the key);
/// Notifications makes it the Message-ID of the approval mail (<c>approval-&lt;token&gt;.&lt;delivery&gt;@domain</c>), so a
/// reply carries it in In-Reply-To and References; Intake's mailbox finds it there and hands the reply to Routing,
/// which verifies the token and that the sender holds the seat. Intake only recognises the shape; it cannot mint one.
/// </summary>
public static partial class ApprovalReplyIds
{
    /// <summary>The Message-ID of one approval mail carrying <paramref name="token"/> (unique per delivery, stable on resend).</summary>
    public static string MessageId(string token, Guid deliveryId, string domain) => $"approval-{token}.{deliveryId:N}@{domain}";

    /// <summary>The first approval reply token among the referenced message ids, if any.</summary>
    public static string? TokenIn(IEnumerable<string> messageIds)
    {
        foreach (var id in messageIds)
        {
            var match = ApprovalMessageId().Match(id);
            if (match.Success)
            {
                return match.Groups["token"].Value.ToLowerInvariant();
            }
        }
        return null;
    }

    [GeneratedRegex(@"^<?approval-(?<token>[0-9a-fA-F]{64})\.[0-9a-fA-F]{32}@", RegexOptions.CultureInvariant)]
    private static partial Regex ApprovalMessageId();
}

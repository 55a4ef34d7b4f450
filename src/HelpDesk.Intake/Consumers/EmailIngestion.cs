using HelpDesk.ServiceDefaults;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpDesk.Intake.Consumers;

/// <summary>
/// Turns one e-mail into a ticket or a requester comment, with Message-ID de-duplication, threading by ticket
/// reply token in In-Reply-To/References made for the sender, or the requester's own thread (a ticket number in the
/// subject alone never makes a comment), and loop protection (RFC 3834 automatic responses, bulk
/// and list mail, the desk's own addresses, a per-sender rate cap). A reply to an approval mail that decides is handed
/// to Routing (<see cref="ApprovalReplyReceived"/>). The decision and its effect commit together.
/// </summary>
public sealed partial class EmailIngestion(
    IntakeDbContext db,
    TicketSubmissions submissions,
    IOptions<IntakeOptions> intakeOptions,
    IOptions<ImapOptions> imapOptions,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<EmailIngestion> logger)
{
    public const string SubmittedBy = "email";

    [GeneratedRegex(@"[\[(]\s*([A-Za-z]{1,10}-\d{1,12})\s*[\])]")]
    private static partial Regex TicketNumberInSubject();

    public async Task<EmailIngestionResult> IngestAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var messageId = MessageIdOf(message);
        if (await db.ProcessedEmails.AsNoTracking().AnyAsync(e => e.MessageId == messageId, cancellationToken))
        {
            return new EmailIngestionResult(EmailOutcome.Duplicate, null, "Message-ID already processed");
        }

        var now = time.GetUtcNow();
        var sender = message.From.Mailboxes.FirstOrDefault()?.Address?.Trim().ToLowerInvariant() ?? "";
        var skip = WhyNotProcess(message, sender);
        if (skip is not null)
        {
            return await RecordOnlyAsync(messageId, sender, skip.Value.Outcome, skip.Value.Detail, now, cancellationToken);
        }

        var since = now - TimeSpan.FromHours(1);
        var recent = await db.ProcessedEmails.AsNoTracking()
            .CountAsync(e => e.Sender == sender && e.ReceivedAt > since
                && (e.Outcome == EmailOutcome.Ticket || e.Outcome == EmailOutcome.Comment || e.Outcome == EmailOutcome.ApprovalReply), cancellationToken);
        if (recent >= imapOptions.Value.MaxPerSenderPerHour)
        {
            logger.LogWarning("E-mail {MessageId} from {Sender} skipped: {Count} messages in the last hour reach the cap of {Cap}", messageId, sender, recent, imapOptions.Value.MaxPerSenderPerHour);
            return await RecordOnlyAsync(messageId, sender, EmailOutcome.RateLimited, $"more than {imapOptions.Value.MaxPerSenderPerHour} messages per hour", now, cancellationToken);
        }

        var body = BodyOf(message);
        // A reply to an approval mail whose first line decides goes to Routing's approval engine, which checks the
        // token and the sender; one that does not decide (a question) is an ordinary reply below.
        if (ApprovalReplyIds.TokenIn(ReferencedIds(message)) is { } approvalToken && ApprovalReplyReading.Read(body) is { } decision)
        {
            return await ForwardApprovalReplyAsync(message, messageId, sender, approvalToken, decision.Approve, decision.Comment, now, cancellationToken);
        }
        var (ticket, verified) = await FindThreadAsync(message, sender, cancellationToken);
        if (ticket is not null && verified && CanTakeReply(ticket, now))
        {
            return await AddReplyAsync(ticket, message, messageId, sender, body, now, cancellationToken);
        }
        // Mail that names a ticket but cannot be tied to its requester or a recipient of its mail is never a comment on it.
        var followUp = ticket is null ? null
            : verified ? $"Follow-up to {ticket.Number}, which can no longer be reopened.\n\n"
            : $"Mentions {ticket.Number}; not added to it because the sender could not be verified as its requester or a watcher.\n\n";
        return await CreateTicketAsync(message, messageId, sender, followUp + body, now, cancellationToken);
    }

    /// <summary>RFC 3834 and friends: automatic replies, bulk/list mail and our own mail are never answered with a ticket.</summary>
    private (EmailOutcome Outcome, string Detail)? WhyNotProcess(MimeMessage message, string sender)
    {
        if (sender.Length == 0 || !TicketValidation.IsEmailAddress(sender))
        {
            return (EmailOutcome.Invalid, "no usable From address");
        }
        var autoSubmitted = message.Headers[HeaderId.AutoSubmitted];
        if (!string.IsNullOrWhiteSpace(autoSubmitted) && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return (EmailOutcome.SkippedAutomatic, $"Auto-Submitted: {autoSubmitted.Trim()}");
        }
        var precedence = message.Headers[HeaderId.Precedence]?.Trim().ToLowerInvariant();
        if (precedence is "bulk" or "junk" or "list")
        {
            return (EmailOutcome.SkippedAutomatic, $"Precedence: {precedence}");
        }
        if (message.Headers.Contains(HeaderId.ListId))
        {
            return (EmailOutcome.SkippedAutomatic, "List-Id present");
        }
        if (message.Headers.Contains("X-Auto-Response-Suppress"))
        {
            return (EmailOutcome.SkippedAutomatic, "X-Auto-Response-Suppress present");
        }
        if (message.Headers[HeaderId.ReturnPath]?.Trim() == "<>")
        {
            return (EmailOutcome.SkippedAutomatic, "empty Return-Path (bounce)");
        }
        if (imapOptions.Value.OwnAddresses.Any(own => string.Equals(own.Trim(), sender, StringComparison.OrdinalIgnoreCase)))
        {
            return (EmailOutcome.SkippedOwnAddress, "sent from the desk's own address");
        }
        return null;
    }

    private bool CanTakeReply(Ticket ticket, DateTimeOffset now) => ticket.Status switch
    {
        _ when TicketLifecycle.IsFinal(ticket.Status) => false,
        TicketStatus.Resolved => ticket.ResolvedAt is not { } resolved || now - resolved <= intakeOptions.Value.ReopenWindow,
        _ => true,
    };

    /// <summary>
    /// The ticket a mail belongs to, and whether the sender is verified for it: a reply token made for this sender
    /// (notification mails carry one per recipient), or a reply in the requester's own thread from the requester.
    /// A ticket number in the subject only finds the ticket; it verifies nothing.
    /// </summary>
    private async Task<(Ticket? Ticket, bool Verified)> FindThreadAsync(MimeMessage message, string sender, CancellationToken cancellationToken)
    {
        var referenced = ReferencedIds(message);
        if (ReplyTokens.VerifiedTicketNumber(referenced, configuration[ReplyTokens.SecretKey], sender) is { } verifiedNumber
            && await db.Tickets.FirstOrDefaultAsync(t => t.Number == verifiedNumber, cancellationToken) is { } byToken)
        {
            return (byToken, true);
        }
        if (referenced.Count > 0)
        {
            var ticketId = await db.ProcessedEmails.AsNoTracking()
                .Where(e => referenced.Contains(e.MessageId) && e.TicketId != null)
                .Select(e => e.TicketId).FirstOrDefaultAsync(cancellationToken);
            ticketId ??= await db.Comments.AsNoTracking()
                .Where(c => c.EmailMessageId != null && referenced.Contains(c.EmailMessageId))
                .Select(c => (Guid?)c.TicketId).FirstOrDefaultAsync(cancellationToken);
            if (ticketId is not null && await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken) is { } byThread)
            {
                return (byThread, string.Equals(byThread.RequesterEmail, sender, StringComparison.OrdinalIgnoreCase));
            }
        }
        var match = TicketNumberInSubject().Match(message.Subject ?? "");
        if (match.Success)
        {
            var number = match.Groups[1].Value.ToUpperInvariant();
            return (await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == number, cancellationToken), false);
        }
        return (null, false);
    }

    private static List<string> ReferencedIds(MimeMessage message) =>
        message.References.Prepend(message.InReplyTo).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!).Distinct().Take(50).ToList();

    /// <summary>The reply and its hand-over to Routing commit together (outbox), so a re-polled mail is a duplicate, never a second decision.</summary>
    private async Task<EmailIngestionResult> ForwardApprovalReplyAsync(MimeMessage message, string messageId, string sender, string token, bool approve, string? comment,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ProcessedEmails.Add(new ProcessedEmail
        {
            MessageId = messageId, Sender = Truncate(sender, 320), Outcome = EmailOutcome.ApprovalReply, ReceivedAt = now,
            Detail = Truncate($"{(approve ? "approve" : "reject")}: {message.Subject}", 500),
        });
        db.PublishEvent(new ApprovalReplyReceived(token, sender, approve, comment, messageId, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await AlreadyProcessedAsync(messageId))
            {
                throw;
            }
            return new EmailIngestionResult(EmailOutcome.Duplicate, null, "processed concurrently");
        }
        logger.LogInformation("E-mail {MessageId} from {Sender} is an approval reply ({Decision}); handed to the approval engine", messageId, sender, approve ? "approve" : "reject");
        return new EmailIngestionResult(EmailOutcome.ApprovalReply, null);
    }

    private async Task<EmailIngestionResult> AddReplyAsync(Ticket ticket, MimeMessage message, string messageId, string sender, string body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reopenWindow = intakeOptions.Value.ReopenWindow;
        if (ticket.Status == TicketStatus.Resolved)
        {
            var reopen = new TicketTransition(TicketStatus.InProgress, sender, "requester replied by e-mail");
            db.Record(ticket, ticket.Transition(reopen, now, reopenWindow), new TicketActor(sender, sender, "email"), now);
        }
        var text = Truncate(body.Length == 0 ? "(empty message)" : body, TicketLimits.CommentMaxLength);
        var (comment, result) = ticket.Comment(new NewComment(sender, CommentAuthorKind.Requester, IsPublic: true, text, messageId), now, reopenWindow);
        if (result.Error is { } refusal)
        {
            db.ChangeTracker.Clear();
            return await RecordOnlyAsync(messageId, sender, EmailOutcome.Invalid, refusal.Detail, now, cancellationToken);
        }
        db.Comments.Add(comment!);
        db.Record(ticket, result, new TicketActor(sender, sender, "email"), now);
        db.ProcessedEmails.Add(new ProcessedEmail { MessageId = messageId, Sender = sender, Outcome = EmailOutcome.Comment, TicketId = ticket.Id, ReceivedAt = now, Detail = Truncate(message.Subject ?? "", 500) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await AlreadyProcessedAsync(messageId))
            {
                throw;
            }
            return new EmailIngestionResult(EmailOutcome.Duplicate, ticket.Id, "processed concurrently");
        }
        logger.LogInformation("E-mail {MessageId} from {Sender} added as a comment to {TicketNumber}", messageId, sender, ticket.Number);
        return new EmailIngestionResult(EmailOutcome.Comment, ticket.Id);
    }

    private async Task<EmailIngestionResult> CreateTicketAsync(MimeMessage message, string messageId, string sender, string body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mailbox = message.From.Mailboxes.First();
        var subject = string.IsNullOrWhiteSpace(message.Subject) ? "(no subject)" : Truncate(message.Subject.Trim(), TicketLimits.SubjectMaxLength);
        var request = new SubmitTicketRequest(
            subject,
            Truncate(string.IsNullOrWhiteSpace(body) ? "(empty message)" : body, TicketLimits.DescriptionMaxLength),
            new RequesterInput(sender, string.IsNullOrWhiteSpace(mailbox.Name) ? null : Truncate(mailbox.Name.Trim(), 200)),
            Channel: TicketChannel.Email,
            Tags: ["email"],
            Attachments: [.. message.Attachments.OfType<MimePart>().Take(intakeOptions.Value.MaxAttachments).Select(AttachmentOf)]);
        var validation = new Validation();
        var draft = TicketValidation.Validate(request, TicketChannel.Email, intakeOptions.Value, validation);
        if (draft is null)
        {
            return await RecordOnlyAsync(messageId, sender, EmailOutcome.Invalid, validation.Summary(), now, cancellationToken);
        }
        try
        {
            var result = await submissions.SubmitAsync(draft, SubmittedBy, claim: null, cancellationToken, ticket =>
                db.ProcessedEmails.Add(new ProcessedEmail { MessageId = messageId, Sender = sender, Outcome = EmailOutcome.Ticket, TicketId = ticket.Id, ReceivedAt = now, Detail = Truncate(subject, 500) }));
            return new EmailIngestionResult(EmailOutcome.Ticket, result.Ticket!.Id);
        }
        catch (DbUpdateException)
        {
            if (!await AlreadyProcessedAsync(messageId))
            {
                throw;
            }
            return new EmailIngestionResult(EmailOutcome.Duplicate, null, "processed concurrently");
        }
    }

    private static AttachmentInput AttachmentOf(MimePart part)
    {
        var name = Path.GetFileName(part.FileName ?? "").Replace('\\', '_');
        long size = 0;
        if (part.Content is not null)
        {
            using var counter = new MimeKit.IO.MeasuringStream();
            part.Content.DecodeTo(counter);
            size = counter.Length;
        }
        return new AttachmentInput(string.IsNullOrWhiteSpace(name) ? "attachment" : Truncate(name, TicketLimits.AttachmentNameMaxLength), part.ContentType.MimeType, size, null);
    }

    private async Task<EmailIngestionResult> RecordOnlyAsync(string messageId, string sender, EmailOutcome outcome, string detail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (outcome is not EmailOutcome.RateLimited)
        {
            logger.LogInformation("E-mail {MessageId} from {Sender} not turned into a ticket: {Reason}", messageId, sender, detail);
        }
        db.ChangeTracker.Clear();
        db.ProcessedEmails.Add(new ProcessedEmail { MessageId = messageId, Sender = Truncate(sender, 320), Outcome = outcome, ReceivedAt = now, Detail = Truncate(detail, 500) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await AlreadyProcessedAsync(messageId))
            {
                throw;
            }
            return new EmailIngestionResult(EmailOutcome.Duplicate, null, "processed concurrently");
        }
        return new EmailIngestionResult(outcome, null, detail);
    }

    private async Task<bool> AlreadyProcessedAsync(string messageId)
    {
        db.ChangeTracker.Clear();
        return await db.ProcessedEmails.AsNoTracking().AnyAsync(e => e.MessageId == messageId);
    }

    /// <summary>The Message-ID, or for a message without one a stable digest of its content (so a re-poll still de-duplicates).</summary>
    public static string MessageIdOf(MimeMessage message)
    {
        if (!string.IsNullOrWhiteSpace(message.MessageId))
        {
            return Truncate(message.MessageId.Trim(), 998);
        }
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return "sha256-" + Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray())) + "@helpdesk.invalid";
    }

    private static string BodyOf(MimeMessage message)
    {
        var text = message.TextBody;
        if (string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(message.HtmlBody))
        {
            text = HtmlToText(message.HtmlBody);
        }
        return (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Blanks();

    private static string HtmlToText(string html)
    {
        var text = Tag().Replace(html.Replace("<br", "\n<br", StringComparison.OrdinalIgnoreCase).Replace("</p>", "\n</p>", StringComparison.OrdinalIgnoreCase), "");
        return Blanks().Replace(System.Net.WebUtility.HtmlDecode(text), " ");
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

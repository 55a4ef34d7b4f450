using HelpDesk.ServiceDefaults;
using System.Diagnostics;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>Sends e-mail deliveries through SMTP with MailKit, threaded per ticket and marked as automatic.</summary>
public sealed class EmailSender(IOptionsMonitor<NotificationsOptions> options, TimeProvider time)
{
    public async Task<AttemptResult> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Email;
        if (string.IsNullOrWhiteSpace(settings.Host) && string.IsNullOrWhiteSpace(settings.PickupDirectory))
        {
            return AttemptResult.Failed("No SMTP server is configured (Notifications:Email:Host).");
        }
        if (!MailboxAddress.TryParse(delivery.Recipient, out var to))
        {
            return new AttemptResult(false, Error: $"'{delivery.Recipient}' is not a valid e-mail address.", Permanent: true);
        }
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            return await WriteToPickupDirectoryAsync(Compose(delivery, settings, to, time.GetUtcNow()), delivery, settings.PickupDirectory!, cancellationToken);
        }

        if (!Enum.TryParse<SecureSocketOptions>(settings.Security, ignoreCase: true, out var security))
        {
            return AttemptResult.Failed($"Notifications:Email:Security '{settings.Security}' is not one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}.");
        }
        var message = Compose(delivery, settings, to, time.GetUtcNow());
        try
        {
            using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
            await client.ConnectAsync(settings.Host, settings.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
            }
            var reply = await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            Activity.Current?.SetTag("smtp.reply", reply);
            return AttemptResult.Ok;
        }
        catch (SmtpCommandException ex)
        {
            // 5xx replies about the recipient will not get better by retrying.
            var permanent = (int)ex.StatusCode >= 500 && ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted;
            return new AttemptResult(false, (int)ex.StatusCode, $"SMTP {(int)ex.StatusCode}: {ex.Message}", permanent);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or SocketException or IOException or TimeoutException or MailKit.ServiceNotConnectedException
            or AuthenticationException or SslHandshakeException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.Failed($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Writes the message as &lt;delivery id&gt;.eml, atomically, so a reader never sees half a file and a resend overwrites it.</summary>
    private static async Task<AttemptResult> WriteToPickupDirectoryAsync(MimeMessage message, Delivery delivery, string directory, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $"{delivery.Id:N}.eml");
            var temporary = path + ".tmp";
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            return AttemptResult.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return AttemptResult.Failed($"Pickup directory {directory}: {ex.Message}");
        }
    }

    public static MimeMessage Compose(Delivery delivery, EmailOptions settings, MailboxAddress to, DateTimeOffset now)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(to);
        message.Subject = delivery.Subject ?? "";
        message.Date = now;
        // The notification's id makes the Message-ID: a resend after a crash carries the same id, so mail
        // clients can recognise the duplicate. All mails of a ticket reply to one thread id.
        // An approval mail's id carries the seat's reply token, so the approver's reply (In-Reply-To) can decide.
        message.MessageId = delivery.ReplyToken is { } token ? ApprovalReplyIds.MessageId(token, delivery.Id, settings.Domain) : $"{delivery.Id:N}@{settings.Domain}";
        if (!string.IsNullOrEmpty(delivery.TicketNumber))
        {
            // Per recipient: replies prove they came from someone this ticket's mail was sent to (see ReplyTokens).
            var thread = ReplyTokens.ThreadId(delivery.TicketNumber, settings.Domain, settings.ReplySecret, to.Address);
            message.InReplyTo = thread;
            message.References.Add(thread);
            message.Headers.Add("X-HelpDesk-Ticket", delivery.TicketNumber);
        }
        // RFC 3834: intake recognises its own notifications and auto-responders stay quiet.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        message.Headers.Add("X-HelpDesk-Delivery-Id", delivery.Id.ToString());
        message.Headers.Add("X-HelpDesk-Event", delivery.EventType);
        var body = new BodyBuilder { TextBody = delivery.Body, HtmlBody = delivery.HtmlBody };
        message.Body = body.ToMessageBody();
        return message;
    }
}

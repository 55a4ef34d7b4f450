using HelpDesk.ServiceDefaults;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using HelpDesk.Notifications.Model;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpDesk.Notifications.Sending;

/// <summary>What one attempt gave. <paramref name="Permanent"/> failures dead-letter at once (nothing to retry).</summary>
public sealed record AttemptResult(bool Success, int? StatusCode = null, string? Error = null, bool Permanent = false)
{
    public static readonly AttemptResult Ok = new(true);

    public static AttemptResult Failed(string error, int? statusCode = null) => new(false, statusCode, error);
}

/// <summary>Sends e-mail deliveries through SMTP with MailKit, threaded per ticket and marked as automatic.</summary>
public sealed class EmailSender(IOptionsMonitor<NotificationsOptions> options, TimeProvider time)
{
    public async Task<AttemptResult> SendAsync(Model.Delivery delivery, CancellationToken cancellationToken)
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
    private static async Task<AttemptResult> WriteToPickupDirectoryAsync(MimeMessage message, Model.Delivery delivery, string directory, CancellationToken cancellationToken)
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

    public static MimeMessage Compose(Model.Delivery delivery, EmailOptions settings, MailboxAddress to, DateTimeOffset now)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(to);
        message.Subject = delivery.Subject ?? "";
        message.Date = now;
        // The notification's id makes the Message-ID: a resend after a crash carries the same id, so mail
        // clients can recognise the duplicate. All mails of a ticket reply to one thread id.
        message.MessageId = $"{delivery.Id:N}@{settings.Domain}";
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

/// <summary>
/// Posts signed webhook deliveries. The client connects only to addresses the SSRF guard allows, checked at
/// connect time (after DNS resolution), so a host that re-resolves to a private address is still refused.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string SignatureHeader = "X-HelpDesk-Signature";
    public const string EventHeader = "X-HelpDesk-Event";
    public const string DeliveryIdHeader = "X-HelpDesk-Delivery-Id";

    private readonly HttpClient _client;
    private readonly IOptionsMonitor<NotificationsOptions> _options;
    private readonly TimeProvider _time;

    public WebhookSender(IOptionsMonitor<NotificationsOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // a redirect could lead anywhere, the guard only vets the first hop
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = ConnectGuardedAsync,
        };
        // Our own client, not IHttpClientFactory: the service-wide resilience handler must not add retries we do not record.
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("HelpDesk-Webhooks/1.0");
    }

    public async Task<AttemptResult> SendAsync(Model.Delivery delivery, WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CurrentValue.Webhooks.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(SignatureHeader, $"t={timestamp},v1={Sign(endpoint.Secret, timestamp, delivery.Body)}");
        request.Headers.Add(EventHeader, delivery.EventType);
        request.Headers.Add(DeliveryIdHeader, delivery.Id.ToString());
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode
                ? new AttemptResult(true, (int)response.StatusCode)
                : AttemptResult.Failed($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", (int)response.StatusCode);
        }
        catch (HttpRequestException ex) when (FindForbidden(ex) is { } forbidden)
        {
            return new AttemptResult(false, Error: forbidden.Message, Permanent: false);
        }
        catch (HttpRequestException ex)
        {
            return AttemptResult.Failed($"{ex.HttpRequestError}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.Failed($"No answer within {_options.CurrentValue.Webhooks.Timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>Stripe-style signature: hex HMAC-SHA256 over "&lt;unix seconds&gt;.&lt;body&gt;" keyed with the endpoint secret.</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return Convert.ToHexStringLower(mac);
    }

    private async ValueTask<Stream> ConnectGuardedAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var allowed = await SsrfGuard.ResolveAllowedAsync(context.DnsEndPoint.Host, _options.CurrentValue.Webhooks.AllowPrivateTargets, cancellationToken);
        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostUnreachable);
    }

    private static ForbiddenTargetException? FindForbidden(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ForbiddenTargetException forbidden)
            {
                return forbidden;
            }
        }
        return null;
    }

    public void Dispose() => _client.Dispose();
}

using System.Net.Http.Json;
using HelpDesk.Testing;
using MimeKit;

namespace HelpDesk.Reliability;

/// <summary>
/// The receiving end of the platform's sends in a fault run: a real SMTP server (aiosmtpd, every message kept as a
/// Maildir file) and a real webhook receiver (Kestrel, verifies the signature). What they logged is the ground truth
/// the ledger compares the notification service's <c>Delivered</c> rows with: the delivery id each carried
/// (<c>X-HelpDesk-Delivery-Id</c>, also the left side of the e-mail's Message-ID), every copy counted.
/// </summary>
public sealed class SendReceivers : IAsyncDisposable
{
    private const string WebhookSecret = "whsec_reliability_0123456789abcdef";

    private SendReceivers(SmtpServerFixture smtp, WebhookReceiver webhooks)
    {
        Smtp = smtp;
        Webhooks = webhooks;
    }

    public SmtpServerFixture Smtp { get; }

    public WebhookReceiver Webhooks { get; }

    public static string? UnavailableReason => SmtpServerFixture.UnavailableReason;

    /// <summary>AppHost arguments that point the notification service at these receivers (both on loopback).</summary>
    public IReadOnlyList<string> AppHostArguments =>
    [
        $"--Services:Notifications:Email:Host={Smtp.Host}",
        $"--Services:Notifications:Email:Port={Smtp.Port}",
        "--Services:Notifications:Email:Security=None",
        "--Services:Notifications:Webhooks:AllowPrivateTargets=true",
    ];

    public static async Task<SendReceivers> StartAsync()
    {
        var smtp = await SmtpServerFixture.StartAsync();
        try
        {
            return new SendReceivers(smtp, await WebhookReceiver.StartAsync(WebhookSecret));
        }
        catch
        {
            await smtp.DisposeAsync();
            throw;
        }
    }

    /// <summary>Subscribes the webhook receiver to <paramref name="eventTypes"/> through the gateway, with a secret it knows.</summary>
    public async Task SubscribeAsync(HttpClient gateway, IReadOnlyList<string> eventTypes, CancellationToken cancellationToken)
    {
        using var response = await gateway.PostAsJsonAsync("/api/v1/notifications/webhooks",
            new { url = Webhooks.Url.ToString(), eventTypes, secret = WebhookSecret, description = "fault-suite receiver" }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Subscribing the webhook failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>The delivery id of every message the SMTP server stored, one entry per copy.</summary>
    public IReadOnlyList<Guid> EmailDeliveryIds() =>
        [.. Smtp.ReadMessages().Select(raw =>
        {
            using var stream = new MemoryStream(raw);
            var message = MimeMessage.Load(stream);
            return Guid.TryParse(message.Headers["X-HelpDesk-Delivery-Id"], out var id)
                ? id
                : throw new InvalidOperationException($"The SMTP server holds a message without X-HelpDesk-Delivery-Id (Message-ID {message.MessageId}).");
        })];

    /// <summary>The delivery id of every webhook request the receiver accepted (2xx, signature valid), one entry per copy.</summary>
    public IReadOnlyList<Guid> WebhookDeliveryIds() =>
        [.. Webhooks.Accepted.Select(r => Guid.TryParse(r.DeliveryId, out var id)
            ? id
            : throw new InvalidOperationException($"The webhook receiver accepted a request without a delivery id ({r.Event})."))];

    public async ValueTask DisposeAsync()
    {
        await Webhooks.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

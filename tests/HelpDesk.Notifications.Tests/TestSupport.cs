using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Notifications.Api;
using HelpDesk.Notifications.Domain;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HelpDesk.Notifications.Tests;

/// <summary>The Notifications service on a real port, with delivery timings shrunk so retries happen within a test.</summary>
public static class NotificationsHost
{
    public static Task<ServiceTestHost> StartAsync(SmtpServerFixture? smtp = null, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:Webhooks:AllowPrivateTargets"] = "true",
            ["Notifications:Delivery:PollInterval"] = "00:00:00.050",
            ["Notifications:Delivery:BaseDelay"] = "00:00:00.050",
            ["Notifications:Delivery:MaxDelay"] = "00:00:00.500",
            ["Notifications:Email:Domain"] = "helpdesk.test",
            ["Notifications:Email:From"] = "desk@helpdesk.test",
            ["Notifications:Email:Security"] = "None",
        };
        if (smtp is not null)
        {
            settings["Notifications:Email:Host"] = smtp.Host;
            settings["Notifications:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return ServiceTestHost.StartAsync(b => b.AddNotifications(), app => app.MapNotifications(), settings);
    }

    public static async Task<SmtpServerFixture> StartSmtpOrSkipAsync()
    {
        if (SmtpServerFixture.UnavailableReason is { } reason && !HelpDesk.Testing.Infrastructure.InfrastructureRequirement.IsRequired)
        {
            Assert.Skip(reason);
        }
        return await SmtpServerFixture.StartAsync();
    }

    public static async Task PublishAsync<T>(this ServiceTestHost host, T message, Guid? messageId = null) where T : class
    {
        var bus = host.Services.GetRequiredService<IBus>();
        var id = messageId ?? Guid.NewGuid();
        await bus.Publish(message, context => context.MessageId = id, TestContext.Current.CancellationToken);
    }

    public static async Task<List<DeliveryResponse>> DeliveriesAsync(this ServiceTestHost host, string query = "")
    {
        var list = await host.Client.GetFromJsonAsync<List<DeliveryResponse>>($"/api/v1/notifications/deliveries{query}", TestJson.Options, TestContext.Current.CancellationToken);
        return list!;
    }

    public static async Task<WebhookResponse> RegisterWebhookAsync(this ServiceTestHost host, WebhookReceiver receiver, params string[] eventTypes)
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/notifications/webhooks",
            new CreateWebhookRequest(receiver.Url.ToString(), eventTypes.Length == 0 ? ["*"] : eventTypes, receiver.Secret), TestJson.Options, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<WebhookResponse>(TestJson.Options, TestContext.Current.CancellationToken))!;
    }

    public static async Task<List<MimeMessage>> MessagesAsync(this SmtpServerFixture smtp, int atLeast, string? to = null, ServiceTestHost? host = null)
    {
        try
        {
            return await Eventually.GetAsync(() =>
            {
                var messages = smtp.ReadMessages().Select(raw => MimeMessage.Load(new MemoryStream(raw)))
                    .Where(m => to is null || m.To.Mailboxes.Any(a => a.Address == to)).ToList();
                return Task.FromResult(messages.Count >= atLeast ? messages : null);
            }, what: $"{atLeast} message(s){(to is null ? "" : " to " + to)}");
        }
        catch (TimeoutException ex) when (host is not null)
        {
            // The delivery log says why: attempts and their errors.
            var log = System.Text.Json.JsonSerializer.Serialize(await host.DeliveriesAsync(), TestJson.Options);
            throw new TimeoutException($"{ex.Message} Delivery log: {log}", ex);
        }
    }

    public static TicketSubmitted Submitted(Guid ticketId, string number, string email = "ada@example.com", string language = "en", string subject = "VPN drops every hour") =>
        new(ticketId, number, TicketType.Incident, TicketChannel.Portal, TicketPriority.High, new Requester(email, "Ada Lovelace"),
            subject, "Since Monday the VPN disconnects.", ["vpn"], language, DateTimeOffset.UtcNow);

    public static async Task<DeliveryResponse> WaitForStatusAsync(this ServiceTestHost host, Func<DeliveryResponse, bool> which, DeliveryStatus status, string query = "")
    {
        return await Eventually.GetAsync(async () =>
            (await host.DeliveriesAsync(query)).FirstOrDefault(d => which(d) && d.Status == status), what: $"a delivery {status}");
    }
}

using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Notifications.Api;
using HelpDesk.Notifications.Domain;
using HelpDesk.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HelpDesk.Notifications.Tests;

/// <summary>
/// Events that overtake their ticket's TicketSubmitted (an auto-fulfilled request resolves within milliseconds; a
/// backlog drains queues in any order): the requester's share is held durably and sent once the submission arrives.
/// </summary>
public sealed class RequesterHoldTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_that_overtook_the_submission_reach_the_requester_once_in_their_language_when_it_arrives()
    {
        await using var smtp = await NotificationsHost.StartSmtpOrSkipAsync();
        await using var host = await NotificationsHost.StartAsync(smtp);
        var ticketId = Guid.NewGuid();
        const string number = "HD-004100";
        var (assignedId, commentId, resolvedId, submittedId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var comment = new TicketCommented(ticketId, number, Guid.NewGuid(), "tom@example.com", CommentAuthorKind.Agent, IsPublic: true, "Le nouveau profil VPN est installé.", DateTimeOffset.UtcNow);
        var resolved = new TicketResolved(ticketId, number, DateTimeOffset.UtcNow, "Profil VPN remplacé.");
        var submitted = NotificationsHost.Submitted(ticketId, number, "ada@example.com", "fr-CH", "VPN instable");

        await host.PublishAsync(new TicketAssigned(ticketId, number, "network", "agent-7", "Grace Hopper", "least-loaded", DateTimeOffset.UtcNow, "grace@example.com"), assignedId);
        await smtp.MessagesAsync(1, "grace@example.com", host); // the projection knows the assignee before the comment comes
        await host.PublishAsync(comment, commentId);
        await host.PublishAsync(resolved, resolvedId);

        // Staff hear at once: the assignee gets the comment without waiting for the submission.
        await smtp.MessagesAsync(2, "grace@example.com", host);
        var held = await Eventually.GetAsync(async () => await HeldAsync(host, ticketId) is { Count: 2 } rows ? rows : null, what: "two held notifications");
        // Consumed from two queues: in either order.
        Assert.Equal(["ticket.commented", "ticket.resolved"], held.Select(h => h.EventType).Order().ToArray());
        Assert.Equal(new[] { commentId, resolvedId }.Order(), held.Select(h => h.EventMessageId).Order());
        // Well past the old retry window (three retries, about 1.5 s): nothing was given up, nothing sent to nobody.
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        Assert.Equal(2, (await HeldAsync(host, ticketId)).Count);
        Assert.Empty(MailsTo(smtp, "ada@example.com"));

        await host.PublishAsync(submitted, submittedId);

        var mails = await smtp.MessagesAsync(3, "ada@example.com", host);
        var commentMail = Assert.Single(mails, m => m.Headers["X-HelpDesk-Event"] == "ticket.commented");
        Assert.Equal($"[{number}] Nouveau commentaire : VPN instable", commentMail.Subject);
        Assert.Contains("Le nouveau profil VPN est installé.", commentMail.TextBody ?? "", StringComparison.Ordinal);
        var resolvedMail = Assert.Single(mails, m => m.Headers["X-HelpDesk-Event"] == "ticket.resolved");
        Assert.Equal($"[{number}] Résolu : VPN instable", resolvedMail.Subject);
        Assert.Contains("Profil VPN remplacé.", resolvedMail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Single(mails, m => m.Headers["X-HelpDesk-Event"] == "ticket.submitted");
        Assert.Empty(await HeldAsync(host, ticketId));

        // The broker delivers every message again (same ids): nothing more for the requester.
        await host.PublishAsync(comment, commentId);
        await host.PublishAsync(resolved, resolvedId);
        await host.PublishAsync(submitted, submittedId);
        await Eventually.TrueAsync(async () => (await host.DeliveriesAsync($"?ticketId={ticketId}")).All(d => d.Status == DeliveryStatus.Delivered));
        await ConsumedAfterAsync(host, smtp, "HD-004101");
        var sent = MailsTo(smtp, "ada@example.com");
        Assert.Equal(3, sent.Count);
        Assert.Equal(3, sent.Select(m => m.Headers["X-HelpDesk-Event"]).Distinct().Count());
        var deliveries = await host.DeliveriesAsync($"?ticketId={ticketId}&recipient=ada@example.com");
        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal("fr", d.Language));
        Assert.Empty(await HeldAsync(host, ticketId));
    }

    [Fact]
    public async Task A_submission_that_never_comes_is_reported_as_overdue_and_only_an_operator_discards_the_hold()
    {
        await using var smtp = await NotificationsHost.StartSmtpOrSkipAsync();
        await using var host = await NotificationsHost.StartAsync(smtp, new Dictionary<string, string?>
        {
            ["Notifications:Delivery:HoldAlertAfter"] = "00:00:01",
            ["Notifications:Delivery:HoldCheckInterval"] = "00:00:00.200",
        });
        var overdueGauge = new OverdueGauge(host.Services.GetRequiredService<IMeterFactory>());
        var ticketId = Guid.NewGuid();
        await host.PublishAsync(new TicketResolved(ticketId, "HD-004200", DateTimeOffset.UtcNow, "Fixed"));

        var held = await Eventually.GetAsync(async () => (await host.Client.GetFromJsonAsync<List<HeldNotificationResponse>>(
            $"/api/v1/notifications/held?overdue=true&ticketId={ticketId}", TestJson.Options, Ct))!.SingleOrDefault(), what: "an overdue held notification");
        Assert.Equal("ticket.resolved", held.EventType);
        Assert.True(held.Overdue);
        await Eventually.TrueAsync(() => Task.FromResult(overdueGauge.Read() == 1), what: "the overdue gauge at 1");

        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.DeleteAsync($"/api/v1/notifications/held/{held.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.DeleteAsync($"/api/v1/notifications/held/{held.Id}", Ct)).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(overdueGauge.Read() == 0), what: "the overdue gauge back at 0");

        // A discarded hold is not planned when the submission finally comes: the requester hears of the submission only.
        await host.PublishAsync(NotificationsHost.Submitted(ticketId, "HD-004200"));
        await smtp.MessagesAsync(1, "ada@example.com", host);
        await ConsumedAfterAsync(host, smtp, "HD-004201");
        Assert.Equal(["ticket.submitted"], MailsTo(smtp, "ada@example.com").Select(m => m.Headers["X-HelpDesk-Event"] ?? "").ToArray());
        var limit = await host.Client.GetAsync("/api/v1/notifications/held?limit=0", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, limit.StatusCode);
        Assert.Contains("limit", await limit.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submissions_racing_their_events_lose_no_requester_mail_and_double_none()
    {
        await using var smtp = await NotificationsHost.StartSmtpOrSkipAsync();
        await using var host = await NotificationsHost.StartAsync(smtp);
        const int tickets = 30;
        var ids = Enumerable.Range(0, tickets).Select(_ => Guid.NewGuid()).ToArray();

        // Each ticket's resolution and submission are published together: consumed concurrently, in either order.
        await Task.WhenAll(ids.Select((id, i) => Task.WhenAll(
            host.PublishAsync(new TicketResolved(id, $"HD-0043{i:D2}", DateTimeOffset.UtcNow, "Done")),
            host.PublishAsync(NotificationsHost.Submitted(id, $"HD-0043{i:D2}", $"user{i}@example.com")))));

        await smtp.MessagesAsync(2 * tickets, host: host);
        await Eventually.TrueAsync(async () => (await host.DeliveriesAsync("?limit=500")).Count(d => d.Status == DeliveryStatus.Delivered) >= 2 * tickets);
        await ConsumedAfterAsync(host, smtp, "HD-004399");
        for (var i = 0; i < tickets; i++)
        {
            var events = MailsTo(smtp, $"user{i}@example.com").Select(m => m.Headers["X-HelpDesk-Event"] ?? "").Order().ToArray();
            Assert.Equal(["ticket.resolved", "ticket.submitted"], events);
        }
        Assert.Empty(await host.Client.GetFromJsonAsync<List<HeldNotificationResponse>>("/api/v1/notifications/held", TestJson.Options, Ct) ?? []);
    }

    [Fact]
    public void Every_requester_event_survives_the_hold_as_it_was_consumed()
    {
        var submitted = new TicketProjection { TicketId = Guid.NewGuid(), TicketNumber = "HD-000123", Subject = "VPN", RequesterEmail = "ada@example.com", RequesterName = "Ada", Language = "it" };
        foreach (var type in NotificationEventTypes.All.Where(t => t.Sample is ITicketEvent))
        {
            var sample = (ITicketEvent)type.Sample;
            var then = new TicketProjection { TicketId = submitted.TicketId, TicketNumber = "HD-000123", Status = TicketStatus.InProgress, Queue = "network", AssigneeName = "Grace" };
            var evt = NotificationEvent.From(sample, Guid.NewGuid(), then);

            var released = HeldNotification.Hold(evt, DateTimeOffset.UtcNow).Release(submitted);

            Assert.Equal(JsonSerializer.Serialize(sample, type.ContractType, DeliveryPlanner.JsonOptions),
                JsonSerializer.Serialize(released.Data, type.ContractType, DeliveryPlanner.JsonOptions));
            Assert.Equal((evt.Type, evt.MessageId, evt.StaffOnly, evt.Actor), (released.Type, released.MessageId, released.StaffOnly, released.Actor));
            Assert.Equal(("ada@example.com", "it", "VPN"), (released.Ticket.RequesterEmail, released.Ticket.Language, released.Ticket.Subject));
            Assert.Equal((TicketStatus.InProgress, "network", "Grace"), (released.Ticket.Status, released.Ticket.Queue, released.Ticket.AssigneeName));
        }
    }

    private static Task<List<HeldNotificationResponse>> HeldAsync(ServiceTestHost host, Guid ticketId) =>
        host.Client.GetFromJsonAsync<List<HeldNotificationResponse>>($"/api/v1/notifications/held?ticketId={ticketId}", TestJson.Options, Ct)!;

    private static List<MimeMessage> MailsTo(SmtpServerFixture smtp, string address) =>
        smtp.ReadMessages().Select(raw => MimeMessage.Load(new MemoryStream(raw))).Where(m => m.To.Mailboxes.Any(a => a.Address == address)).ToList();

    /// <summary>A later ticket's mail arrives: everything published before it (redeliveries included) has been consumed and sent.</summary>
    private static async Task ConsumedAfterAsync(ServiceTestHost host, SmtpServerFixture smtp, string number)
    {
        var address = $"sentinel-{number.ToLowerInvariant()}@example.com";
        await host.PublishAsync(NotificationsHost.Submitted(Guid.NewGuid(), number, address));
        await smtp.MessagesAsync(1, address, host);
    }

    /// <summary>helpdesk.notifications.held_overdue of this host only (its own meter factory).</summary>
    private sealed class OverdueGauge(IMeterFactory factory)
    {
        public long Read()
        {
            long value = -1;
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == "helpdesk.notifications.held_overdue")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => value = measurement);
            listener.Start();
            listener.RecordObservableInstruments();
            return value;
        }
    }
}

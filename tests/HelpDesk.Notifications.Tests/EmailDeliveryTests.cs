using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Notifications.Api;
using HelpDesk.Notifications.Domain;
using HelpDesk.Testing;
using MimeKit;

namespace HelpDesk.Notifications.Tests;

/// <summary>E-mail against a real SMTP server (aiosmtpd on loopback).</summary>
public sealed class EmailDeliveryTests
{
    [Fact]
    public async Task Submitted_ticket_mails_the_requester_in_their_language_threaded_and_marked_automatic()
    {
        await using var smtp = await NotificationsHost.StartSmtpOrSkipAsync();
        await using var host = await NotificationsHost.StartAsync(smtp);
        var ticketId = Guid.NewGuid();

        await host.PublishAsync(NotificationsHost.Submitted(ticketId, "HD-000123", "ada@example.com", "fr-CH", "Imprimante <bloquée>"));

        var mail = (await smtp.MessagesAsync(1, host: host)).Single();
        Assert.Equal("ada@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal("desk@helpdesk.test", mail.From.Mailboxes.Single().Address);
        Assert.Contains("[HD-000123]", mail.Subject, StringComparison.Ordinal);
        Assert.StartsWith("[HD-000123] Nous avons reçu votre demande", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("ticket-HD-000123@helpdesk.test", mail.InReplyTo);
        Assert.Equal(["ticket-HD-000123@helpdesk.test"], mail.References.ToArray());
        Assert.EndsWith("@helpdesk.test", mail.MessageId, StringComparison.Ordinal);
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        Assert.Equal("All", mail.Headers["X-Auto-Response-Suppress"]);
        Assert.Contains("Imprimante <bloquée>", mail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("Imprimante &lt;bloquée&gt;", mail.HtmlBody ?? "", StringComparison.Ordinal);
        Assert.IsType<MultipartAlternative>(mail.Body);

        var delivery = await host.WaitForStatusAsync(d => d.TicketId == ticketId, DeliveryStatus.Delivered, $"?ticketId={ticketId}");
        Assert.Equal(mail.MessageId, $"{delivery.Id:N}@helpdesk.test");
        Assert.Equal(mail.Headers["X-HelpDesk-Delivery-Id"], delivery.Id.ToString());
        Assert.Equal("fr", delivery.Language);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(AttemptOutcome.Succeeded, attempt.Outcome);
        Assert.True(attempt.LatencyMs > 0);
    }

    [Fact]
    public async Task Comments_reach_the_requester_only_when_public_and_the_assignee_and_queue_hear_their_events()
    {
        await using var smtp = await NotificationsHost.StartSmtpOrSkipAsync();
        await using var host = await NotificationsHost.StartAsync(smtp);
        var ct = TestContext.Current.CancellationToken;
        var ticketId = Guid.NewGuid();
        var put = await host.Client.PutAsJsonAsync("/api/v1/notifications/queues/network/contacts", new QueueContactsRequest(["noc@example.com"]), ct);
        put.EnsureSuccessStatusCode();

        await host.PublishAsync(NotificationsHost.Submitted(ticketId, "HD-000200"));
        await smtp.MessagesAsync(1, "ada@example.com");
        await host.PublishAsync(new TicketAssigned(ticketId, "HD-000200", "network", "agent-7", "Grace Hopper", "least-loaded", DateTimeOffset.UtcNow, "grace@example.com"));
        await smtp.MessagesAsync(1, "grace@example.com");
        await host.PublishAsync(new TicketCommented(ticketId, "HD-000200", Guid.NewGuid(), "grace@example.com", CommentAuthorKind.Agent, IsPublic: false, "internal: check the firewall", DateTimeOffset.UtcNow));
        await host.PublishAsync(new TicketCommented(ticketId, "HD-000200", Guid.NewGuid(), "grace@example.com", CommentAuthorKind.Agent, IsPublic: true, "Please restart the client.", DateTimeOffset.UtcNow));
        await host.PublishAsync(new SlaBreached(ticketId, "HD-000200", "P2", SlaMetric.Resolution, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "network", "agent-7"));

        var toQueue = await smtp.MessagesAsync(1, "noc@example.com");
        Assert.Contains("SLA breached", Assert.Single(toQueue).Subject ?? "", StringComparison.Ordinal);
        var toAssignee = await smtp.MessagesAsync(2, "grace@example.com");
        Assert.Contains(toAssignee, m => (m.Subject ?? "").Contains("SLA breached", StringComparison.Ordinal));
        var toRequester = await smtp.MessagesAsync(2, "ada@example.com");
        Assert.Contains(toRequester, m => (m.TextBody ?? "").Contains("Please restart the client.", StringComparison.Ordinal));

        // The public comment and the SLA mails were written after the internal one: once they are all delivered,
        // the internal comment had its chance to reach the requester and must not have.
        await Eventually.TrueAsync(async () => (await host.DeliveriesAsync($"?ticketId={ticketId}")).All(d => d.Status == DeliveryStatus.Delivered));
        var all = smtp.ReadMessages().Select(raw => MimeMessage.Load(new MemoryStream(raw))).ToList();
        Assert.DoesNotContain(all, m => (m.TextBody ?? "").Contains("internal: check the firewall", StringComparison.Ordinal) && m.To.Mailboxes.Any(a => a.Address == "ada@example.com"));
        Assert.All(all, m => Assert.Equal("ticket-HD-000200@helpdesk.test", m.InReplyTo));
        // The agent wrote both comments: neither comes back to her.
        Assert.DoesNotContain(all, m => (m.Subject ?? "").Contains("New comment", StringComparison.Ordinal) && m.To.Mailboxes.Any(a => a.Address == "grace@example.com"));
    }

    [Fact]
    public async Task Preferences_opt_out_and_language_and_watchers_are_honoured()
    {
        await using var smtp = await NotificationsHost.StartSmtpOrSkipAsync();
        await using var host = await NotificationsHost.StartAsync(smtp);
        var ct = TestContext.Current.CancellationToken;
        var ticketId = Guid.NewGuid();
        (await host.Client.PutAsJsonAsync("/api/v1/notifications/preferences/ada@example.com",
            new PreferenceRequest("it", [new OptOut("ticket.submitted", "email")]), ct)).EnsureSuccessStatusCode();

        await host.PublishAsync(NotificationsHost.Submitted(ticketId, "HD-000300", "ada@example.com", "en"));
        await Eventually.TrueAsync(async () => (await host.Client.GetAsync($"/api/v1/notifications/tickets/{ticketId}", ct)).IsSuccessStatusCode);
        (await host.Client.PostAsJsonAsync($"/api/v1/notifications/tickets/{ticketId}/watchers", new WatcherRequest("boss@example.com"), ct)).EnsureSuccessStatusCode();
        await host.PublishAsync(new TicketStatusChanged(ticketId, "HD-000300", TicketStatus.New, TicketStatus.InProgress, DateTimeOffset.UtcNow));

        var watcherMail = Assert.Single(await smtp.MessagesAsync(1, "boss@example.com"));
        Assert.StartsWith("[HD-000300] Status changed", watcherMail.Subject, StringComparison.Ordinal);
        var requesterMail = Assert.Single(await smtp.MessagesAsync(1, "ada@example.com"));
        Assert.StartsWith("[HD-000300] Nuovo stato", requesterMail.Subject, StringComparison.Ordinal);
        var deliveries = await host.DeliveriesAsync($"?ticketId={ticketId}");
        Assert.DoesNotContain(deliveries, d => d.EventType == "ticket.submitted");
    }

    [Fact]
    public async Task A_redelivered_event_never_sends_twice()
    {
        await using var smtp = await NotificationsHost.StartSmtpOrSkipAsync();
        await using var host = await NotificationsHost.StartAsync(smtp);
        var duplicatesDropped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "HelpDesk" && instrument.Name == "helpdesk.inbox.duplicates")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref duplicatesDropped, (int)value));
        listener.Start();

        var ticketId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var submitted = NotificationsHost.Submitted(ticketId, "HD-000400");
        await host.PublishAsync(submitted, messageId);
        await host.WaitForStatusAsync(d => d.TicketId == ticketId, DeliveryStatus.Delivered, $"?ticketId={ticketId}");
        // The broker redelivers the same message (same id), twice and concurrently.
        await Task.WhenAll(host.PublishAsync(submitted, messageId), host.PublishAsync(submitted, messageId));
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref duplicatesDropped) >= 2), what: "both redeliveries dropped");
        // A later, different event proves the worker kept running after the duplicates.
        var sentinel = Guid.NewGuid();
        await host.PublishAsync(NotificationsHost.Submitted(sentinel, "HD-000401", "zoe@example.com"));
        await host.WaitForStatusAsync(d => d.TicketId == sentinel, DeliveryStatus.Delivered, $"?ticketId={sentinel}");

        Assert.Single(await host.DeliveriesAsync($"?ticketId={ticketId}"));
        Assert.Single(smtp.ReadMessages().Select(raw => MimeMessage.Load(new MemoryStream(raw))), m => (m.Subject ?? "").Contains("HD-000400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreachable_smtp_server_retries_then_dead_letters_and_replay_delivers_once_it_is_back()
    {
        if (SmtpServerFixture.UnavailableReason is { } reason && !HelpDesk.Testing.Infrastructure.InfrastructureRequirement.IsRequired)
        {
            Assert.Skip(reason);
        }
        // The service is told about a port where nothing listens yet: the SMTP server only starts after the "outage".
        var port = SmtpServerFixture.FreePort();
        await using var host = await NotificationsHost.StartAsync(null, new Dictionary<string, string?>
        {
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Delivery:MaxAttempts"] = "3",
        });
        var ticketId = Guid.NewGuid();
        await host.PublishAsync(NotificationsHost.Submitted(ticketId, "HD-000500"));

        var dead = await host.WaitForStatusAsync(d => d.TicketId == ticketId, DeliveryStatus.DeadLettered, $"?ticketId={ticketId}");
        Assert.Equal(3, dead.Attempts.Count);
        Assert.All(dead.Attempts, a => Assert.Equal(AttemptOutcome.Failed, a.Outcome));
        Assert.NotNull(dead.LastError);

        await using var smtp = await SmtpServerFixture.StartAsync(port);
        var replay = await host.Client.PostAsync($"/api/v1/notifications/deliveries/{dead.Id}/replay", null, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, replay.StatusCode);

        var delivered = await host.WaitForStatusAsync(d => d.Id == dead.Id, DeliveryStatus.Delivered, $"?ticketId={ticketId}");
        Assert.Equal(1, delivered.ReplayCount);
        Assert.Equal(4, delivered.Attempts.Count);
        Assert.Single(await smtp.MessagesAsync(1));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Notifications.Api;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Notifications.Tests;

/// <summary>Signed webhooks against a real Kestrel receiver that verifies signatures and can fail on demand.</summary>
public sealed class WebhookDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhook_is_signed_and_carries_event_delivery_id_and_the_payload_envelope()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_signature_test_0001");
        await using var host = await NotificationsHost.StartAsync();
        var endpoint = await host.RegisterWebhookAsync(receiver, "ticket.submitted", "ticket.assigned");
        var ticketId = Guid.NewGuid();
        var messageId = Guid.NewGuid();

        await host.PublishAsync(NotificationsHost.Submitted(ticketId, "HD-000600"), messageId);
        var delivery = await host.WaitForStatusAsync(d => d.TicketId == ticketId && d.Channel == NotificationChannel.Webhook, DeliveryStatus.Delivered, $"?ticketId={ticketId}&channel=webhook");
        // Published once the submission is known (a TicketClosed that overtook it would hold the requester's e-mail
        // until it arrives), so its e-mail delivery exists below; this test is about the webhook filter.
        await host.PublishAsync(new TicketClosed(ticketId, "HD-000600", DateTimeOffset.UtcNow)); // not subscribed

        var received = Assert.Single(receiver.Requests);
        Assert.True(received.SignatureValid);
        Assert.Equal("ticket.submitted", received.Event);
        Assert.Equal(delivery.Id.ToString(), received.DeliveryId);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", received.Signature);
        using var payload = JsonDocument.Parse(received.Body);
        Assert.Equal(messageId, payload.RootElement.GetProperty("id").GetGuid());
        Assert.Equal("ticket.submitted", payload.RootElement.GetProperty("type").GetString());
        Assert.True(payload.RootElement.TryGetProperty("occurredAt", out _));
        Assert.Equal("HD-000600", payload.RootElement.GetProperty("data").GetProperty("ticketNumber").GetString());
        Assert.Equal("High", payload.RootElement.GetProperty("data").GetProperty("priority").GetString());
        Assert.Equal($"webhook:{endpoint.Id}", delivery.Recipient);
        Assert.Equal(200, Assert.Single(delivery.Attempts).StatusCode);

        // A wrong secret on the receiver's side must make the same verification fail.
        bool Verifies(string secret, string? deliveryId, string? eventType, string body) =>
            WebhookReceiver.Verify(secret, received.Signature!, deliveryId!, eventType!, body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        Assert.True(Verifies(receiver.Secret, received.DeliveryId, received.Event, received.Body));
        Assert.False(Verifies("another-secret-entirely", received.DeliveryId, received.Event, received.Body));
        Assert.False(Verifies(receiver.Secret, received.DeliveryId, received.Event, received.Body + " "));
        // The delivery id and event are signed too: a replay under another id, or relabelled, does not verify.
        Assert.False(Verifies(receiver.Secret, Guid.NewGuid().ToString(), received.Event, received.Body));
        Assert.False(Verifies(receiver.Secret, received.DeliveryId, "ticket.closed", received.Body));
        // TicketClosed was consumed (its e-mail delivery exists) but the endpoint did not subscribe to it.
        await Eventually.TrueAsync(async () => (await host.DeliveriesAsync($"?ticketId={ticketId}&eventType=ticket.closed")).Count == 1);
        Assert.Single(await host.DeliveriesAsync($"?ticketId={ticketId}&channel=webhook"));
    }

    [Fact]
    public async Task Failed_attempts_are_retried_with_exponential_back_off_and_jitter_until_the_receiver_accepts()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_retry_test_00001");
        await using var host = await NotificationsHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Notifications:Delivery:BaseDelay"] = "00:00:00.100",
            ["Notifications:Delivery:MaxDelay"] = "00:00:05",
            ["Notifications:Webhooks:BreakerMinimumThroughput"] = "100", // keep the breaker out of this test
        });
        await host.RegisterWebhookAsync(receiver);
        receiver.FailNext(3);
        var ticketId = Guid.NewGuid();

        await host.PublishAsync(NotificationsHost.Submitted(ticketId, "HD-000700"));

        var delivery = await host.WaitForStatusAsync(d => d.TicketId == ticketId, DeliveryStatus.Delivered, $"?ticketId={ticketId}&channel=webhook");
        Assert.Equal(4, delivery.Attempts.Count);
        Assert.Equal([500, 500, 500, 200], delivery.Attempts.Select(a => a.StatusCode ?? 0).ToArray());
        for (var i = 0; i < 3; i++)
        {
            var failed = delivery.Attempts[i];
            Assert.Equal(AttemptOutcome.Failed, failed.Outcome);
            Assert.Equal("HTTP 500 Internal Server Error", failed.Error);
            // Scheduled delay after failure n is in [50%, 100%] of 100 ms·2^(n-1), counted from the end of the attempt.
            var ceiling = TimeSpan.FromMilliseconds(100 * Math.Pow(2, i));
            var scheduled = failed.RetryAt!.Value - failed.StartedAt;
            Assert.InRange(scheduled, ceiling / 2, ceiling + TimeSpan.FromMilliseconds(failed.LatencyMs) + TimeSpan.FromSeconds(1));
            // The next attempt never starts before its scheduled time.
            Assert.True(delivery.Attempts[i + 1].StartedAt >= failed.RetryAt.Value);
        }
        Assert.Equal(4, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
        Assert.Single(receiver.Requests.Select(r => r.DeliveryId).Distinct());
    }

    [Fact]
    public async Task A_send_that_outlives_its_lease_is_sent_again_by_the_next_holder_whose_outcome_alone_counts()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_lease_test_000001");
        await using var host = await NotificationsHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Notifications:Delivery:Lease"] = "00:00:01",
            ["Notifications:Delivery:PollInterval"] = "00:00:00.200",
            ["Notifications:Webhooks:Timeout"] = "00:00:30",
        });
        // A second worker (as on another replica): it claims the delivery once the first one's lease has expired.
        using var second = ActivatorUtilities.CreateInstance<DeliveryWorker>(host.Services);
        await second.StartAsync(Ct);
        await host.RegisterWebhookAsync(receiver);
        receiver.DelayNext(1, TimeSpan.FromSeconds(4));
        var ticketId = Guid.NewGuid();
        var query = $"?ticketId={ticketId}&channel=webhook";

        await host.PublishAsync(NotificationsHost.Submitted(ticketId, "HD-000750"));

        var delivery = await Eventually.GetAsync(async () => (await host.DeliveriesAsync(query)) is [{ Attempts.Count: 2 } one] ? one : null, what: "the slow send and the re-send both recorded");
        await second.StopAsync(Ct);
        Assert.Equal(DeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.DeliveryId).Distinct());
        var late = Assert.Single(delivery.Attempts, a => a.Error?.StartsWith("Lease lost", StringComparison.Ordinal) == true);
        Assert.Equal(200, late.StatusCode);
        var delivered = await host.InScopeAsync(s => s.GetRequiredService<NotificationsDbContext>().OutboxMessages
            .CountAsync(m => m.MessageType.StartsWith("HelpDesk.Contracts.NotificationDelivered,")));
        Assert.Equal(1, delivered);
    }

    [Fact]
    public async Task Dead_letters_after_the_maximum_attempts_publishes_failure_and_replay_sends_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_deadletter_test_1");
        await using var host = await NotificationsHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Notifications:Delivery:MaxAttempts"] = "3",
            ["Notifications:Webhooks:BreakerMinimumThroughput"] = "100",
        });
        await host.RegisterWebhookAsync(receiver);
        receiver.Mode = ReceiverMode.Fail;
        var ticketId = Guid.NewGuid();

        await host.PublishAsync(NotificationsHost.Submitted(ticketId, "HD-000800"));

        var dead = await host.WaitForStatusAsync(d => d.TicketId == ticketId, DeliveryStatus.DeadLettered, $"?ticketId={ticketId}&channel=webhook");
        Assert.Equal(3, dead.AttemptCount);
        Assert.Equal(3, dead.Attempts.Count);
        Assert.Null(dead.Attempts[^1].RetryAt);
        var deadLettered = await host.DeliveriesAsync("?status=deadLettered");
        Assert.Contains(deadLettered, d => d.Id == dead.Id);
        var events = await host.InScopeAsync(async services =>
            await services.GetRequiredService<NotificationsDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => m.MessageType.Contains("NotificationFailed") && m.Body.Contains("\"Webhook\"")).Select(m => m.Body).ToListAsync(Ct));
        Assert.Equal(3, events.Count);
        Assert.Single(events, body => body.Contains("\"deadLettered\":true", StringComparison.Ordinal));

        // Still pending deliveries cannot be replayed; dead-lettered ones can.
        receiver.Mode = ReceiverMode.Accept;
        var replay = await host.Client.PostAsync($"/api/v1/notifications/deliveries/{dead.Id}/replay", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var delivered = await host.WaitForStatusAsync(d => d.Id == dead.Id, DeliveryStatus.Delivered, $"?ticketId={ticketId}");
        Assert.Equal(4, delivered.Attempts.Count);
        Assert.Equal(AttemptOutcome.Succeeded, delivered.Attempts[^1].Outcome);
        Assert.Single(receiver.Accepted);

        // Replaying a delivered notification sends it once more, with the same delivery id for receiver-side dedup.
        (await host.Client.PostAsync($"/api/v1/notifications/deliveries/{dead.Id}/replay", null, Ct)).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Accepted.Count == 2));
        Assert.Single(receiver.Accepted.Select(r => r.DeliveryId).Distinct());
        var twice = await host.WaitForStatusAsync(d => d.Id == dead.Id && d.ReplayCount == 2, DeliveryStatus.Delivered, $"?ticketId={ticketId}");
        Assert.Equal(5, twice.Attempts.Count);
    }

    [Fact]
    public async Task Circuit_opens_while_the_receiver_is_down_postpones_deliveries_and_closes_when_it_is_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync("whsec_breaker_test_0001");
        await using var host = await NotificationsHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Notifications:Delivery:MaxAttempts"] = "50",
            ["Notifications:Webhooks:BreakerMinimumThroughput"] = "3",
            ["Notifications:Webhooks:BreakerFailureRatio"] = "0.5",
            ["Notifications:Webhooks:BreakerBreakDuration"] = "00:00:01",
        });
        var endpoint = await host.RegisterWebhookAsync(receiver);
        receiver.Mode = ReceiverMode.Drop;
        var tickets = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        foreach (var (ticketId, i) in tickets.Select((t, i) => (t, i)))
        {
            await host.PublishAsync(NotificationsHost.Submitted(ticketId, $"HD-00090{i}"));
        }

        await Eventually.TrueAsync(async () =>
            (await host.Client.GetFromJsonAsync<WebhookResponse>($"/api/v1/notifications/webhooks/{endpoint.Id}", TestJson.Options, Ct))!.CircuitState == "Open",
            what: "the circuit to open");
        var postponed = await Eventually.GetAsync(async () =>
            (await host.DeliveriesAsync("?channel=webhook")).FirstOrDefault(d => d.Attempts.Any(a => a.Outcome == AttemptOutcome.Postponed)),
            what: "a postponed attempt");
        Assert.Equal(DeliveryStatus.Pending, postponed.Status);
        // Postponements are logged but do not use up the attempt budget.
        Assert.Equal(postponed.Attempts.Count(a => a.Outcome == AttemptOutcome.Failed), postponed.AttemptCount);
        Assert.Contains("Circuit open", postponed.Attempts.First(a => a.Outcome == AttemptOutcome.Postponed).Error, StringComparison.Ordinal);

        receiver.Mode = ReceiverMode.Accept;
        await Eventually.TrueAsync(async () => (await host.DeliveriesAsync("?channel=webhook")).All(d => d.Status == DeliveryStatus.Delivered), what: "all delivered after recovery");
        var state = (await host.Client.GetFromJsonAsync<WebhookResponse>($"/api/v1/notifications/webhooks/{endpoint.Id}", TestJson.Options, Ct))!.CircuitState;
        Assert.Equal("Closed", state);
        Assert.Equal(4, receiver.Accepted.Select(r => r.DeliveryId).Distinct().Count());
        Assert.Equal(4, receiver.Accepted.Count);
        // While open, the endpoint was left alone: fewer calls reached it than attempts were logged.
        var all = await host.DeliveriesAsync("?channel=webhook");
        Assert.True(receiver.Requests.Count < all.Sum(d => d.Attempts.Count));
    }
}

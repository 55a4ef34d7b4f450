using System.Threading.Channels;
using HelpDesk.Contracts;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Notifications.Tests;

/// <summary>Attempts are recorded in batches, one transaction for as many sends as have finished.</summary>
public sealed class DeliveryRecorderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_records_the_deliveries_still_held_and_only_the_attempt_of_one_whose_lease_was_lost()
    {
        await using var host = await NotificationsHost.StartAsync(extra: new Dictionary<string, string?> { ["Notifications:Delivery:WorkerEnabled"] = "false" });
        var leaseUntil = DateTimeOffset.UtcNow.AddMinutes(2);
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToList();
        // As worker-a claimed them; the third was claimed again by worker-b after worker-a's lease ran out (another replica).
        var deliveries = ids.Select(id => Claimed(id, "worker-a", leaseUntil)).ToList();
        await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<NotificationsDbContext>();
            db.Deliveries.AddRange(ids.Select((id, i) => Claimed(id, i == 2 ? "worker-b" : "worker-a", leaseUntil)));
            return await db.SaveChangesAsync(Ct);
        });
        var sent = Channel.CreateUnbounded<SentDelivery>();
        foreach (var delivery in deliveries)
        {
            var attempt = new DeliveryAttempt { Id = Guid.CreateVersion7(), DeliveryId = delivery.Id, StartedAt = DateTimeOffset.UtcNow, LatencyMs = 1 };
            Assert.True(sent.Writer.TryWrite(new SentDelivery(delivery, attempt, AttemptResult.Ok, null, null)));
        }
        sent.Writer.Complete();

        await host.GetRequiredService<DeliveryRecorder>().RecordAllAsync(sent.Reader, "worker-a");

        var (stored, events) = await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<NotificationsDbContext>();
            var rows = await db.Deliveries.AsNoTracking().Include(d => d.Attempts).ToDictionaryAsync(d => d.Id, Ct);
            var bodies = await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType.StartsWith("HelpDesk.Contracts.NotificationDelivered,")).Select(m => m.Body).ToListAsync(Ct);
            return (rows, bodies);
        });
        foreach (var held in deliveries.Take(2))
        {
            var row = stored[held.Id];
            Assert.Equal(DeliveryStatus.Delivered, row.Status);
            Assert.Null(row.LeaseOwner);
            var attempt = Assert.Single(row.Attempts);
            Assert.Equal((1, AttemptOutcome.Succeeded), (attempt.Number, attempt.Outcome));
        }
        var lost = stored[deliveries[2].Id];
        Assert.Equal((DeliveryStatus.Pending, "worker-b"), (lost.Status, lost.LeaseOwner));
        Assert.StartsWith("Lease lost", Assert.Single(lost.Attempts).Error, StringComparison.Ordinal);
        // One event per delivery this worker still held, none for the one it lost.
        Assert.Equal(2, events.Count);
        Assert.Equal(
            deliveries.Take(2).Select(d => d.Id.ToString()).Order(),
            events.Select(b => System.Text.Json.JsonDocument.Parse(b).RootElement.GetProperty("notificationId").GetString()!).Order());
    }

    [Fact]
    public async Task A_burst_of_notifications_is_sent_and_recorded_once_each()
    {
        using var pickup = new TempDirectory("helpdesk-burst");
        await using var host = await NotificationsHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Notifications:Email:PickupDirectory"] = pickup.Path,
            ["Notifications:Delivery:BatchSize"] = "25",
        });
        const int tickets = 60;
        for (var i = 0; i < tickets; i++)
        {
            await host.PublishAsync(NotificationsHost.Submitted(Guid.NewGuid(), $"HD-{900 + i:000000}", email: $"requester{i}@example.org"));
        }

        var delivered = await Eventually.GetAsync(async () =>
            (await host.DeliveriesAsync("?channel=email&limit=200")) is { } all && all.Count(d => d.Status == DeliveryStatus.Delivered) == tickets ? all : null,
            what: $"{tickets} e-mails delivered");

        Assert.All(delivered, d => Assert.Equal(1, Assert.Single(d.Attempts).Number));
        Assert.Equal(tickets, Directory.GetFiles(pickup.Path, "*.eml").Length);
        Assert.Equal(delivered.Select(d => $"{d.Id:N}.eml").Order(), Directory.GetFiles(pickup.Path, "*.eml").Select(f => Path.GetFileName(f)!).Order());
        var events = await host.InScopeAsync(s => s.GetRequiredService<NotificationsDbContext>().OutboxMessages
            .CountAsync(m => m.MessageType.StartsWith("HelpDesk.Contracts.NotificationDelivered,"), Ct));
        Assert.Equal(tickets, events);
    }

    private static Delivery Claimed(Guid id, string owner, DateTimeOffset leaseUntil) => new()
    {
        Id = id,
        EventMessageId = id,
        EventType = "ticket.submitted",
        TicketId = id,
        TicketNumber = "HD-000777",
        Channel = NotificationChannel.Email,
        Recipient = $"person-{id:N}@example.org",
        Body = "We received your request.",
        Status = DeliveryStatus.Pending,
        CreatedAt = DateTimeOffset.UtcNow,
        NextAttemptAt = DateTimeOffset.UtcNow,
        LeaseOwner = owner,
        LeaseUntil = leaseUntil,
    };
}

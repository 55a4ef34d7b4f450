using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>
/// Records sent deliveries, as many as have finished, in one transaction (one commit, one fsync, one turn at SQLite's
/// writer for the lot). Each delivery's new state and its event are written only while this worker still holds its
/// lease: a send that outlived the lease may have been claimed and sent again by another worker, whose outcome is the
/// one that counts, so for that one only the attempt is kept, for the log. The sends themselves cannot be undone: a
/// crash before this commit re-sends the batch's unrecorded deliveries once their leases expire (at-least-once).
/// </summary>
public sealed class DeliveryRecorder(IServiceScopeFactory scopes, IOptionsMonitor<NotificationsOptions> options, TimeProvider time, ILogger<DeliveryRecorder> logger)
{
    /// <summary>Records every delivery the reader yields, each time as many as are ready; returns when it completes.</summary>
    public async Task RecordAllAsync(ChannelReader<SentDelivery> sent, string owner)
    {
        var ready = new List<SentDelivery>();
        while (await sent.WaitToReadAsync(CancellationToken.None))
        {
            while (sent.TryRead(out var one))
            {
                ready.Add(one);
            }
            try
            {
                await RecordAsync(ready, owner);
            }
            catch (Exception ex)
            {
                // Their leases expire and they are sent again with the same delivery id (at-least-once).
                logger.LogError(ex, "Recording {Count} delivery attempts failed; those deliveries are sent again when their leases expire", ready.Count);
            }
            ready.Clear();
        }
    }

    private async Task RecordAsync(IReadOnlyList<SentDelivery> sent, string owner)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var settings = options.CurrentValue.Delivery;
        // All or nothing (RecordAllAsync logs a failure; the leases then expire): no savepoint around SaveChanges,
        // which on PostgreSQL costs a RELEASE round trip.
        db.Database.AutoSavepointsEnabled = false;
        var held = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var ours = await TouchLeasesAsync(db, sent, owner);
            var previous = await CountAttemptsAsync(db, sent);
            var now = time.GetUtcNow();
            foreach (var one in sent)
            {
                var (delivery, attempt) = (one.Delivery, one.Attempt);
                attempt.Number = previous.GetValueOrDefault(delivery.Id) + 1;
                if (ours.Contains(delivery.Id))
                {
                    // As the claim returned it, with this worker's lease: tracked so that recording updates it.
                    db.Deliveries.Attach(delivery);
                    foreach (var message in delivery.Record(attempt, one.Result, one.PostponeFor, now, settings))
                    {
                        db.PublishEvent(message, delivery.TicketId).TraceParent = one.TraceParent;
                    }
                }
                else
                {
                    attempt.Error = Truncate($"Lease lost while sending; the delivery's state is left to the worker that holds it now. {attempt.Error}".TrimEnd());
                }
                db.DeliveryAttempts.Add(attempt);
            }
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            return ours;
        });
        foreach (var one in sent)
        {
            Report(one, held.Contains(one.Delivery.Id));
        }
    }

    /// <summary>
    /// A touch that matches only leases this worker still holds: it proves them and locks those rows until commit
    /// (SQLite: the transaction holds the only writer). All deliveries of a claim share one lease; when every one is
    /// still held (the usual case) the count says so, otherwise the held ones are read back.
    /// </summary>
    private static async Task<HashSet<Guid>> TouchLeasesAsync(NotificationsDbContext db, IReadOnlyList<SentDelivery> sent, string owner)
    {
        var ours = new HashSet<Guid>();
        foreach (var lease in sent.GroupBy(s => s.Delivery.LeaseUntil))
        {
            var heldUntil = lease.Key;
            var ids = lease.Select(s => s.Delivery.Id).ToList();
            var touched = await db.Deliveries
                .Where(d => ids.Contains(d.Id) && d.LeaseOwner == owner && d.LeaseUntil == heldUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, heldUntil), CancellationToken.None);
            if (touched == ids.Count)
            {
                ours.UnionWith(ids);
                continue;
            }
            ours.UnionWith(await db.Deliveries.AsNoTracking()
                .Where(d => ids.Contains(d.Id) && d.LeaseOwner == owner && d.LeaseUntil == heldUntil)
                .Select(d => d.Id)
                .ToListAsync(CancellationToken.None));
        }
        return ours;
    }

    /// <summary>Attempts so far per delivery, counted in the transaction that adds the next one (numbers stay 1, 2, 3 …).</summary>
    private static Task<Dictionary<Guid, int>> CountAttemptsAsync(NotificationsDbContext db, IReadOnlyList<SentDelivery> sent)
    {
        var ids = sent.Select(s => s.Delivery.Id).Distinct().ToList();
        return db.DeliveryAttempts.AsNoTracking()
            .Where(a => ids.Contains(a.DeliveryId))
            .GroupBy(a => a.DeliveryId)
            .Select(g => new { DeliveryId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.DeliveryId, c => c.Count, CancellationToken.None);
    }

    private void Report(SentDelivery one, bool held)
    {
        var (delivery, attempt) = (one.Delivery, one.Attempt);
        if (!held)
        {
            NotificationsMetrics.LeasesLost.Add(1);
            logger.LogWarning("Delivery {DeliveryId}: lease expired during the send; recorded the attempt only", delivery.Id);
        }
        else if (delivery.Status == DeliveryStatus.DeadLettered)
        {
            NotificationsMetrics.DeadLettered.Add(1);
            logger.LogWarning("Delivery {DeliveryId} ({Channel} to {Recipient}) dead-lettered after {Attempts} attempts: {Error}",
                delivery.Id, delivery.Channel, delivery.Recipient, delivery.AttemptCount, one.Result.Error);
        }
        NotificationsMetrics.Attempts.Add(1, new KeyValuePair<string, object?>("channel", delivery.Channel.ToString()), new KeyValuePair<string, object?>("outcome", attempt.Outcome.ToString()));
        NotificationsMetrics.Latency.Record(attempt.LatencyMs, new KeyValuePair<string, object?>("channel", delivery.Channel.ToString()));
    }

    internal static string? Truncate(string? error) => error is { Length: > 2000 } ? error[..2000] : error;
}

using System.Diagnostics;
using HelpDesk.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>
/// Sends pending deliveries. Each is claimed with a lease (a conditional update, so several replicas never send
/// the same one concurrently), sent, and its attempt recorded with outcome, latency and error. Failures retry with
/// exponential back-off and jitter, then dead-letter; an open endpoint circuit postpones without counting a failure.
/// A crash between sending and recording re-sends that one delivery once its lease expires (at-least-once).
/// </summary>
public sealed class DeliveryWorker(
    IServiceScopeFactory scopes,
    IOptionsMonitor<NotificationsOptions> options,
    TimeProvider time,
    DeliverySignal signal,
    EmailSender email,
    WebhookSender webhooks,
    EndpointCircuitBreakers breakers,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private readonly string _owner = LeaseOwnerName();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Delivery.WorkerEnabled)
        {
            logger.LogInformation("Notification delivery worker disabled by configuration");
            return;
        }
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue.Delivery;
            var claimed = 0;
            try
            {
                var batch = await ClaimAsync(settings, stoppingToken);
                claimed = batch.Count;
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxParallelism), CancellationToken = stoppingToken },
                    async (id, token) =>
                    {
                        try
                        {
                            await ProcessAsync(id, token);
                        }
                        catch (Exception ex) when (!token.IsCancellationRequested)
                        {
                            // One broken delivery must not stop the others; its lease expires and it is tried again.
                            logger.LogError(ex, "Delivery {DeliveryId} failed unexpectedly; it is retried when its lease expires", id);
                        }
                    });
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Notification delivery round failed; retrying after the poll interval");
            }
            if (claimed < settings.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<List<Guid>> ClaimAsync(DeliveryOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = time.GetUtcNow();
        var candidates = await db.Deliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return candidates;
        }
        // One conditional update claims the batch; rows another replica claimed meanwhile do not match.
        var leaseUntil = now + settings.Lease;
        await db.Deliveries
            .Where(d => candidates.Contains(d.Id) && d.Status == DeliveryStatus.Pending && (d.LeaseUntil == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, _owner).SetProperty(d => d.LeaseUntil, leaseUntil), cancellationToken);
        var claimed = await db.Deliveries.AsNoTracking()
            .Where(d => candidates.Contains(d.Id) && d.LeaseOwner == _owner && d.LeaseUntil == leaseUntil)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        return claimed;
    }

    /// <summary>Sends one claimed delivery and records the attempt: the send, then the record, each a step of its own.</summary>
    private async Task ProcessAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.Id == deliveryId && d.LeaseOwner == _owner, cancellationToken);
        if (delivery is null || delivery.Status != DeliveryStatus.Pending)
        {
            return;
        }
        using var activity = HelpDeskTelemetry.ActivitySource.StartActivity($"notify {delivery.Channel.ToString().ToLowerInvariant()}", ActivityKind.Producer);
        activity?.SetTag(HelpDeskTelemetry.TicketIdTag, delivery.TicketId);
        activity?.SetTag("helpdesk.delivery_id", delivery.Id);

        var previous = await db.DeliveryAttempts.CountAsync(a => a.DeliveryId == delivery.Id, cancellationToken);
        var startedAt = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var (result, postponeFor) = await SendAsync(db, delivery, cancellationToken);
        stopwatch.Stop();

        var attempt = new DeliveryAttempt
        {
            Id = Guid.CreateVersion7(),
            DeliveryId = delivery.Id,
            Number = previous + 1,
            StartedAt = startedAt,
            LatencyMs = stopwatch.Elapsed.TotalMilliseconds,
            StatusCode = result.StatusCode,
            Error = Truncate(result.Error),
        };
        await RecordAsync(db, delivery, attempt, result, postponeFor);
        activity?.SetTag("helpdesk.delivery_outcome", attempt.Outcome.ToString());
    }

    /// <summary>One attempt over the delivery's channel; an open endpoint circuit asks to postpone instead of failing.</summary>
    private async Task<(AttemptResult Result, TimeSpan? PostponeFor)> SendAsync(NotificationsDbContext db, Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.Channel == NotificationChannel.Email)
        {
            return (await email.SendAsync(delivery, cancellationToken), null);
        }
        var endpoint = await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == delivery.WebhookEndpointId, cancellationToken);
        if (endpoint is null || !endpoint.Active)
        {
            return (new AttemptResult(false, Error: "The webhook endpoint was removed or disabled.", Permanent: true), null);
        }
        try
        {
            var result = await breakers.For(endpoint.Id).Pipeline.ExecuteAsync(
                static async (state, token) => await state.webhooks.SendAsync(state.delivery, state.endpoint, token),
                (webhooks, delivery, endpoint), cancellationToken);
            return (result, null);
        }
        catch (BrokenCircuitException open)
        {
            return (AttemptResult.Failed($"Circuit open for this endpoint: {open.Message}"), open.RetryAfter ?? options.CurrentValue.Webhooks.BreakerBreakDuration);
        }
    }

    /// <summary>
    /// The attempt, the delivery's new state and its event commit together (the send itself cannot be undone), but
    /// only while this worker still holds the lease: a send that outlived its lease may have been claimed and sent
    /// again by another worker, whose outcome is the one that counts. Then only the attempt is kept, for the log.
    /// </summary>
    private async Task RecordAsync(NotificationsDbContext db, Delivery delivery, DeliveryAttempt attempt, AttemptResult result, TimeSpan? postponeFor)
    {
        var heldUntil = delivery.LeaseUntil;
        var stillOurs = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            // A touch that matches only our lease: it proves the lease and locks the row until commit.
            var held = await db.Deliveries
                .Where(d => d.Id == delivery.Id && d.LeaseOwner == _owner && d.LeaseUntil == heldUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, heldUntil), CancellationToken.None) == 1;
            if (held)
            {
                db.PublishEvents(delivery.Record(attempt, result, postponeFor, time.GetUtcNow(), options.CurrentValue.Delivery), delivery.TicketId);
            }
            else
            {
                db.ChangeTracker.Clear();
                attempt.Error = Truncate($"Lease lost while sending; the delivery's state is left to the worker that holds it now. {attempt.Error}".TrimEnd());
            }
            db.DeliveryAttempts.Add(attempt);
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            return held;
        });
        if (!stillOurs)
        {
            NotificationsMetrics.LeasesLost.Add(1);
            logger.LogWarning("Delivery {DeliveryId}: lease expired during the send; recorded the attempt only", delivery.Id);
        }
        if (stillOurs && delivery.Status == DeliveryStatus.DeadLettered)
        {
            NotificationsMetrics.DeadLettered.Add(1);
            logger.LogWarning("Delivery {DeliveryId} ({Channel} to {Recipient}) dead-lettered after {Attempts} attempts: {Error}",
                delivery.Id, delivery.Channel, delivery.Recipient, delivery.AttemptCount, result.Error);
        }
        NotificationsMetrics.Attempts.Add(1, new KeyValuePair<string, object?>("channel", delivery.Channel.ToString()), new KeyValuePair<string, object?>("outcome", attempt.Outcome.ToString()));
        NotificationsMetrics.Latency.Record(attempt.LatencyMs, new KeyValuePair<string, object?>("channel", delivery.Channel.ToString()));
    }

    private static string LeaseOwnerName()
    {
        var name = $"{Environment.ProcessId}:{Guid.NewGuid():N}:{Environment.MachineName}";
        return name.Length > 100 ? name[..100] : name;
    }

    private static string? Truncate(string? error) => error is { Length: > 2000 } ? error[..2000] : error;
}

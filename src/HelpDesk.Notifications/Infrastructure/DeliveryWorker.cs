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
                    async (delivery, token) =>
                    {
                        try
                        {
                            await ProcessAsync(delivery, token);
                        }
                        catch (Exception ex) when (!token.IsCancellationRequested)
                        {
                            // One broken delivery must not stop the others; its lease expires and it is tried again.
                            logger.LogError(ex, "Delivery {DeliveryId} failed unexpectedly; it is retried when its lease expires", delivery.Id);
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

    /// <summary>
    /// One statement claims the batch and returns it: the UPDATE picks the due rows and re-checks the claim condition row by
    /// row, so a row another replica claimed meanwhile does not match (on PostgreSQL the re-check sees its committed lease).
    /// </summary>
    private async Task<List<Delivery>> ClaimAsync(DeliveryOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = time.GetUtcNow();
        var sqlite = db.Database.IsSqlite();
        // SQLite keeps DateTimeOffset as UTC ticks (ServiceDbContext); the status is stored by name.
        object Time(DateTimeOffset value) => sqlite ? value.UtcTicks : value;
        return await db.Deliveries
            .FromSqlRaw(ClaimSql, _owner, Time(now + settings.Lease), nameof(DeliveryStatus.Pending), Time(now), settings.BatchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
    }

    private const string ClaimSql = """
        UPDATE notifications_deliveries SET "LeaseOwner" = {0}, "LeaseUntil" = {1}
        WHERE "Id" IN (
            SELECT "Id" FROM notifications_deliveries
            WHERE "Status" = {2} AND "NextAttemptAt" <= {3} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {3})
            ORDER BY "NextAttemptAt"
            LIMIT {4})
        AND "Status" = {2} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {3})
        RETURNING *
        """;

    /// <summary>Sends one claimed delivery and records the attempt: the send, then the record, each a step of its own.</summary>
    private async Task ProcessAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        // As the claim returned it, with this worker's lease: tracked here so that recording updates it.
        db.Deliveries.Attach(delivery);
        using var activity = HelpDeskTelemetry.ActivitySource.StartActivity($"notify {delivery.Channel.ToString().ToLowerInvariant()}", ActivityKind.Producer);
        activity?.SetTag(HelpDeskTelemetry.TicketIdTag, delivery.TicketId);
        activity?.SetTag("helpdesk.delivery_id", delivery.Id);

        var previous = await NotificationQueries.CountAttemptsAsync(db, delivery.Id, cancellationToken);
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

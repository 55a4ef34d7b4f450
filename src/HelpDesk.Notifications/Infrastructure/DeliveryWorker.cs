using System.Diagnostics;
using System.Threading.Channels;
using HelpDesk.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>
/// Sends pending deliveries. A round claims a batch with a lease (a conditional update, so several replicas never send
/// the same one concurrently), sends it with bounded parallelism and records the attempts (outcome, latency, error) as
/// the sends finish, as many per transaction as are ready (<see cref="DeliveryRecorder"/>). Failures retry with
/// exponential back-off and jitter, then dead-letter; an open endpoint circuit postpones without counting a failure.
/// A crash between sending and recording re-sends those deliveries once their lease expires (at-least-once).
/// </summary>
public sealed class DeliveryWorker(
    IServiceScopeFactory scopes,
    IOptionsMonitor<NotificationsOptions> options,
    TimeProvider time,
    DeliverySignal signal,
    DeliveryRecorder recorder,
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
            var started = Stopwatch.GetTimestamp();
            var claimed = 0;
            try
            {
                // Whatever was committed before this claim is found by it: a wake-up from before it is spent.
                signal.Reset();
                claimed = await RunRoundAsync(settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Notification delivery round failed; retrying after the poll interval");
            }
            try
            {
                await WaitForWorkAsync(settings, claimed, started, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// A full batch: go on at once. Otherwise sleep until woken (a consumer committed new deliveries, a replay) or the
    /// poll interval (retries come due, other replicas' deliveries). After a round that found work, not sooner than
    /// <see cref="DeliveryOptions.CoalesceDelay"/> after it began: under load new deliveries gather meanwhile and the
    /// next claim takes them together, instead of one or two per claim, each claim and record a turn at the writer.
    /// </summary>
    private async Task WaitForWorkAsync(DeliveryOptions settings, int claimed, long started, CancellationToken stoppingToken)
    {
        if (claimed >= settings.BatchSize)
        {
            return;
        }
        if (claimed > 0 && settings.CoalesceDelay - Stopwatch.GetElapsedTime(started) is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest, stoppingToken);
        }
        await signal.WaitAsync(settings.PollInterval, stoppingToken);
    }

    /// <summary>Claims a batch, sends it, and records the attempts while the sends go on; returns how many were claimed.</summary>
    private async Task<int> RunRoundAsync(DeliveryOptions settings, CancellationToken stoppingToken)
    {
        var batch = await ClaimAsync(settings, stoppingToken);
        if (batch.Count == 0)
        {
            return 0;
        }
        var endpoints = await EndpointsOfAsync(batch, stoppingToken);
        var sent = Channel.CreateUnbounded<SentDelivery>(new UnboundedChannelOptions { SingleReader = true });
        var recording = recorder.RecordAllAsync(sent.Reader, _owner);
        try
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.MaxParallelism), CancellationToken = stoppingToken },
                async (delivery, token) =>
                {
                    try
                    {
                        await sent.Writer.WriteAsync(await SendAsync(delivery, endpoints, token), CancellationToken.None);
                    }
                    catch (Exception ex) when (!token.IsCancellationRequested)
                    {
                        // One broken delivery must not stop the others; its lease expires and it is tried again.
                        logger.LogError(ex, "Delivery {DeliveryId} failed unexpectedly; it is retried when its lease expires", delivery.Id);
                    }
                });
        }
        finally
        {
            // What was sent is recorded even when stopping: those deliveries are not sent again.
            sent.Writer.Complete();
            await recording;
        }
        return batch.Count;
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

    /// <summary>The webhook endpoints the batch sends to, read once for the round (none for a batch of e-mails).</summary>
    private async Task<Dictionary<Guid, WebhookEndpoint>> EndpointsOfAsync(List<Delivery> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Where(d => d.WebhookEndpointId is not null).Select(d => d.WebhookEndpointId!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, WebhookEndpoint>();
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        return await db.WebhookEndpoints.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
    }

    /// <summary>Sends one claimed delivery; the attempt is recorded with the others of its round.</summary>
    private async Task<SentDelivery> SendAsync(Delivery delivery, Dictionary<Guid, WebhookEndpoint> endpoints, CancellationToken cancellationToken)
    {
        using var activity = HelpDeskTelemetry.ActivitySource.StartActivity($"notify {delivery.Channel.ToString().ToLowerInvariant()}", ActivityKind.Producer);
        activity?.SetTag(HelpDeskTelemetry.TicketIdTag, delivery.TicketId);
        activity?.SetTag("helpdesk.delivery_id", delivery.Id);
        var startedAt = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var (result, postponeFor) = await SendOverChannelAsync(delivery, endpoints, cancellationToken);
        stopwatch.Stop();
        activity?.SetTag("helpdesk.delivery_outcome", result.Success ? nameof(AttemptOutcome.Succeeded) : postponeFor is null ? nameof(AttemptOutcome.Failed) : nameof(AttemptOutcome.Postponed));
        var attempt = new DeliveryAttempt
        {
            Id = Guid.CreateVersion7(),
            DeliveryId = delivery.Id,
            StartedAt = startedAt,
            LatencyMs = stopwatch.Elapsed.TotalMilliseconds,
            StatusCode = result.StatusCode,
            Error = DeliveryRecorder.Truncate(result.Error),
        };
        return new SentDelivery(delivery, attempt, result, postponeFor, Activity.Current?.Id);
    }

    /// <summary>One attempt over the delivery's channel; an open endpoint circuit asks to postpone instead of failing.</summary>
    private async Task<(AttemptResult Result, TimeSpan? PostponeFor)> SendOverChannelAsync(Delivery delivery, Dictionary<Guid, WebhookEndpoint> endpoints, CancellationToken cancellationToken)
    {
        if (delivery.Channel == NotificationChannel.Email)
        {
            return (await email.SendAsync(delivery, cancellationToken), null);
        }
        if (delivery.WebhookEndpointId is not { } id || !endpoints.TryGetValue(id, out var endpoint) || !endpoint.Active)
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

    private static string LeaseOwnerName()
    {
        var name = $"{Environment.ProcessId}:{Guid.NewGuid():N}:{Environment.MachineName}";
        return name.Length > 100 ? name[..100] : name;
    }
}

using System.Diagnostics;
using HelpDesk.Messaging.Persistence;
using HelpDesk.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Messaging.Outbox;

public sealed class OutboxOptions
{
    /// <summary>How often to look for undispatched events when nothing signalled (another replica, a restart).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// How long one publish may wait for the broker. While the broker is down a publish would otherwise wait for
    /// the reconnection; giving up records the failure on the row (Attempts, LastError) for operators to see.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a replica's claim on a batch lasts before another may take it over.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Dispatched rows are kept this long for diagnosis, then removed.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3);
}

/// <summary>
/// Publishes committed outbox rows to the bus in commit order, then marks them dispatched.
/// A crash between publish and mark republishes with the same message id; consumers' inboxes drop the copy.
/// </summary>
public sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal<TContext> signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private readonly Guid _instance = Guid.NewGuid();
    private DateTimeOffset _nextCleanup;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (bus, schema) before the first publish.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            int dispatched;
            try
            {
                dispatched = await DispatchBatchAsync(stoppingToken);
                await CleanupAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (OutboxPublishException)
            {
                // Already logged with the row; back off before trying that row again.
                dispatched = 0;
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox dispatch of {Context} failed; retrying", typeof(TContext).Name);
                dispatched = 0;
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (dispatched == 0 && !stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims, publishes and marks one batch; returns how many rows it dispatched.</summary>
    /// <remarks>
    /// Rows are claimed as one contiguous range of sequence numbers (no IN-list of ids), published strictly in
    /// sequence order, and on the first failure the rest of the claim is released at once, so a later row is never
    /// published before an earlier one that is waiting for the broker.
    /// </remarks>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow();

        var window = await db.OutboxMessages
            .Where(m => m.DispatchedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.Sequence)
            .Select(m => m.Sequence)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (window.Count == 0)
        {
            return 0;
        }
        var first = window[0];
        var last = window[^1];

        // Claim so that another replica does not publish the same rows meanwhile. The UPDATE re-checks the claim
        // condition row by row, so two replicas never both claim a row; a claim that outlives a crashed replica
        // expires and is taken over (a duplicate publish then, which inboxes absorb).
        // Whole milliseconds: the claim is matched by equality and PostgreSQL keeps only microseconds.
        var lockedUntil = TruncateToMilliseconds(now + settings.ClaimDuration);
        await db.OutboxMessages
            .Where(m => m.Sequence >= first && m.Sequence <= last && m.DispatchedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lockedUntil).SetProperty(m => m.LockedBy, _instance), cancellationToken);

        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Sequence >= first && m.Sequence <= last && m.LockedBy == _instance && m.LockedUntil == lockedUntil && m.DispatchedAt == null)
            .OrderBy(m => m.Sequence)
            .ToListAsync(cancellationToken);

        var published = 0;
        Exception? failure = null;
        foreach (var row in rows)
        {
            object message;
            Type type;
            try
            {
                message = OutboxExtensions.Deserialize(row, out type);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or TypeLoadException or FileNotFoundException or InvalidOperationException or NotSupportedException)
            {
                // A row that can never be published (its type is gone, its body unreadable) must not block the
                // rows behind it: it is parked with the reason for an operator, and counted as handled here.
                logger.LogError(ex, "Outbox row {Sequence} ({Type}) cannot be read; parking it", row.Sequence, row.MessageType);
                var reason = Truncate("Parked: " + ex.Message, 2000);
                await db.OutboxMessages.Where(m => m.Sequence == row.Sequence)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, ParkedUntil).SetProperty(m => m.LastError, reason).SetProperty(m => m.Attempts, m => m.Attempts + 1), CancellationToken.None);
                published++;
                continue;
            }
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                limit.CancelAfter(settings.PublishTimeout);
                await PublishAsync(row, message, type, limit.Token);
                published++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Publishing outbox row {Sequence} ({Type}) failed; it and the rows after it wait for the next attempt", row.Sequence, row.MessageType);
                failure = ex;
                break;
            }
        }

        if (published > 0)
        {
            // Parked rows in the range no longer match the claim, so this marks exactly the published ones.
            var lastPublished = rows[published - 1].Sequence;
            var dispatchedAt = time.GetUtcNow();
            await db.OutboxMessages
                .Where(m => m.Sequence >= first && m.Sequence <= lastPublished && m.LockedBy == _instance && m.LockedUntil == lockedUntil && m.DispatchedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, dispatchedAt).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            MessagingMetrics.Dispatched.Add(published);
        }

        if (published < rows.Count)
        {
            var failed = rows[published].Sequence;
            if (failure is not null)
            {
                var error = Truncate(failure.Message, 2000);
                await db.OutboxMessages.Where(m => m.Sequence == failed)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, error), CancellationToken.None);
            }
            // Release the rest of the claim now rather than when it expires: the next attempt (after the poll
            // interval) starts again from the failed row, so nothing behind it overtakes it.
            await db.OutboxMessages
                .Where(m => m.Sequence >= failed && m.Sequence <= last && m.LockedBy == _instance && m.LockedUntil == lockedUntil && m.DispatchedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            if (published == 0)
            {
                throw new OutboxPublishException($"Publishing outbox row {failed} failed", failure);
            }
        }
        return published;
    }

    private async Task PublishAsync(OutboxMessage row, object message, Type type, CancellationToken cancellationToken)
    {
        using var activity = row.TraceParent is not null && ActivityContext.TryParse(row.TraceParent, null, out var parent)
            ? HelpDeskTelemetry.ActivitySource.StartActivity("outbox publish", ActivityKind.Producer, parent)
            : HelpDeskTelemetry.ActivitySource.StartActivity("outbox publish", ActivityKind.Producer);
        activity?.SetTag("messaging.message.type", type.Name);
        if (row.TicketId is { } ticketId)
        {
            activity?.SetTag(HelpDeskTelemetry.TicketIdTag, ticketId);
        }

        await bus.Publish(message, type, context =>
        {
            context.MessageId = row.MessageId;
            context.Durable = true;
        }, cancellationToken);
    }

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextCleanup)
        {
            return;
        }
        _nextCleanup = now + TimeSpan.FromMinutes(10);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var cutoff = now - options.Value.Retention;
        await db.OutboxMessages.Where(m => m.DispatchedAt != null && m.DispatchedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.InboxMessages.Where(m => m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Claim given to rows that can never be published, so no dispatcher picks them up again.</summary>
    private static readonly DateTimeOffset ParkedUntil = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>The broker did not take an outbox row; the dispatcher waits a poll interval and tries again from that row.</summary>
public sealed class OutboxPublishException(string message, Exception? inner) : Exception(message, inner);

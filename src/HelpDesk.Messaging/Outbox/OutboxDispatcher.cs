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
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow();

        var candidates = await db.OutboxMessages
            .Where(m => m.DispatchedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.Sequence)
            .Select(m => m.Sequence)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        // Claim so that another replica does not publish the same rows meanwhile; a lost race only means
        // a duplicate publish, which inboxes absorb.
        var lockedUntil = now + settings.ClaimDuration;
        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Sequence) && m.DispatchedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lockedUntil).SetProperty(m => m.LockedBy, _instance), cancellationToken);

        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => candidates.Contains(m.Sequence) && m.LockedBy == _instance && m.DispatchedAt == null)
            .OrderBy(m => m.Sequence)
            .ToListAsync(cancellationToken);

        var published = new List<long>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                await PublishAsync(row, cancellationToken);
                published.Add(row.Sequence);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Stop at the first failure to keep commit order; the claim expires and the row is retried.
                logger.LogWarning(ex, "Publishing outbox row {Sequence} ({Type}) failed", row.Sequence, row.MessageType);
                await db.OutboxMessages.Where(m => m.Sequence == row.Sequence)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LastError, Truncate(ex.Message, 2000))
                        .SetProperty(m => m.LockedUntil, now + settings.PollInterval), CancellationToken.None);
                break;
            }
        }

        if (published.Count > 0)
        {
            var dispatchedAt = time.GetUtcNow();
            await db.OutboxMessages.Where(m => published.Contains(m.Sequence))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, dispatchedAt).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            MessagingMetrics.Dispatched.Add(published.Count);
        }
        return published.Count;
    }

    private async Task PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var message = OutboxExtensions.Deserialize(row, out var type);
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

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

using System.Data.Common;
using System.Diagnostics.Metrics;
using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using HelpDesk.ServiceDefaults;
using HelpDesk.Sla.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace HelpDesk.Sla.Clocks;

/// <summary>Wakes the scanner when a commit moved a due instant (a new clock may be due before its planned wake-up).</summary>
public sealed class SlaScanSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    /// <summary>Waits for a signal or until <paramref name="wakeAt"/> on <paramref name="time"/>.</summary>
    public async Task WaitUntilAsync(DateTimeOffset wakeAt, TimeProvider time, CancellationToken cancellationToken)
    {
        var delay = wakeAt - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new CancellationTokenSource(delay, time);
        // Time may have moved on while the timer was being created (a test advancing a fake clock, a long GC pause).
        if (time.GetUtcNow() >= wakeAt)
        {
            return;
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _signal.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The delay elapsed.
        }
    }

    public void Dispose() => _signal.Dispose();
}

internal sealed class SlaScheduleInterceptor(SlaScanSignal signal) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is SlaDbContext { ScheduleChanged: true } db)
        {
            db.ScheduleChanged = false;
            signal.Notify();
        }
    }
}

/// <summary>
/// Raises warnings and breaches when they fall due. It sleeps until the earliest due instant (read from the
/// NextDueAt index), or until a commit moves a due instant, or at most <see cref="SlaScannerOptions.MaxIdle"/>;
/// then it loads only the due clocks. Each firing claims its clock with a version check and writes the firing
/// and its outbox event in the same transaction, so with any number of replicas a threshold is raised once.
/// </summary>
public sealed class SlaScanner(
    IServiceScopeFactory scopes,
    SlaCatalogProvider catalogs,
    SlaScanSignal signal,
    IOptions<SlaOptions> options,
    TimeProvider time,
    ILogger<SlaScanner> logger) : BackgroundService
{
    private static readonly Counter<long> Warnings = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.sla.warnings", description: "SLA warnings raised");
    private static readonly Counter<long> Breaches = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.sla.breaches", description: "SLA breaches raised");
    private static readonly Histogram<double> Lag = HelpDeskTelemetry.Meter.CreateHistogram<double>("helpdesk.sla.firing_lag", "ms", "Time from a threshold falling due to its event being written");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value.Scanner;
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset wakeAt;
            try
            {
                var result = await ScanOnceAsync(stoppingToken);
                if (result.Due >= settings.BatchSize)
                {
                    continue;
                }
                var next = await NextDueAtAsync(stoppingToken);
                var latest = time.GetUtcNow() + settings.MaxIdle;
                wakeAt = next is { } due && due < latest ? due : latest;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "SLA scan failed; retrying");
                wakeAt = time.GetUtcNow() + settings.MaxIdle;
            }
            await signal.WaitUntilAsync(wakeAt, time, stoppingToken);
        }
    }

    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlaDbContext>();
        return await db.Clocks.AsNoTracking().Where(c => c.NextDueAt != null).OrderBy(c => c.NextDueAt).Select(c => c.NextDueAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Raises what is due now; returns how many clocks were due and how many firings this scanner won.</summary>
    public async Task<ScanResult> ScanOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlaDbContext>();
        var due = await db.Clocks
            .Where(c => c.NextDueAt != null && c.NextDueAt <= now)
            .OrderBy(c => c.NextDueAt)
            .Take(options.Value.Scanner.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return new ScanResult(0, 0);
        }
        var catalog = await catalogs.GetAsync(cancellationToken);

        // Fast path: the whole batch in one SaveChanges; the Version concurrency token makes every UPDATE conditional,
        // so if another replica (or a lifecycle event) touched any of these clocks, nothing of this batch commits.
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var clock in due)
            {
                var (threshold, dueAt) = Advance(clock, catalog);
                AddFiring(db, clock, threshold, dueAt);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Record(due.Count, due.Count);
            return new ScanResult(due.Count, due.Count);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        // Contended batch: claim clock by clock, each claim a conditional update; a lost claim is simply skipped.
        var fired = 0;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var fresh = await db.Clocks.AsNoTracking().Where(c => due.Select(d => d.Id).Contains(c.Id) && c.NextDueAt != null && c.NextDueAt <= now).ToListAsync(cancellationToken);
            foreach (var clock in fresh)
            {
                var version = clock.Version;
                var (threshold, dueAt) = Advance(clock, catalog);
                var claimed = await db.Clocks
                    .Where(c => c.Id == clock.Id && c.Version == version)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(c => c.LastFiredPercent, clock.LastFiredPercent)
                        .SetProperty(c => c.NextThreshold, clock.NextThreshold)
                        .SetProperty(c => c.NextDueAt, clock.NextDueAt)
                        .SetProperty(c => c.Version, clock.Version), cancellationToken);
                if (claimed == 1)
                {
                    AddFiring(db, clock, threshold, dueAt);
                    fired++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        Record(due.Count, fired);
        return new ScanResult(due.Count, fired);
    }

    /// <summary>Moves a due clock past its threshold: returns what fired and sets the next threshold and instant.</summary>
    private static (int Threshold, DateTimeOffset DueAt) Advance(SlaClock clock, SlaCatalog catalog)
    {
        var fired = (clock.NextThreshold ?? ClockSchedule.BreachPercent, clock.NextDueAt!.Value);
        var next = ClockSchedule.Next(clock.Status, clock.Target, clock.ThresholdList, clock.ElapsedBefore, clock.RunningSince,
            clock.TargetReachedAt, fired.Item1, catalog.CalendarFor(clock.Calendar));
        clock.LastFiredPercent = fired.Item1;
        clock.NextThreshold = next?.Threshold;
        clock.NextDueAt = next?.DueAt;
        clock.Version++;
        return fired;
    }

    /// <summary>The firing record and its integration event, in the claim's transaction.</summary>
    private void AddFiring(SlaDbContext db, SlaClock clock, int threshold, DateTimeOffset dueAt)
    {
        var firedAt = time.GetUtcNow();
        var breachDue = clock.DueAt ?? clock.TargetReachedAt ?? dueAt;
        db.Firings.Add(new SlaFiring
        {
            ClockId = clock.Id, TicketId = clock.TicketId, Metric = clock.Metric, Cycle = clock.FiredCycle,
            ThresholdPercent = threshold, Policy = clock.Policy, DueAt = dueAt, FiredAt = firedAt,
        });
        if (threshold >= ClockSchedule.BreachPercent)
        {
            db.PublishEvent(new SlaBreached(clock.TicketId, clock.TicketNumber, clock.Policy, clock.Metric, breachDue, firedAt, clock.Queue, clock.AssigneeId), clock.TicketId);
            Breaches.Add(1);
        }
        else
        {
            db.PublishEvent(new SlaWarningRaised(clock.TicketId, clock.TicketNumber, clock.Policy, clock.Metric, threshold, breachDue, firedAt, clock.Queue, clock.AssigneeId), clock.TicketId);
            Warnings.Add(1);
        }
        Lag.Record((firedAt - dueAt).TotalMilliseconds);
    }

    private void Record(int due, int fired)
    {
        if (fired > 0)
        {
            logger.LogInformation("Raised {Fired} SLA warnings/breaches ({Due} due)", fired, due);
        }
    }
}

public readonly record struct ScanResult(int Due, int Fired);

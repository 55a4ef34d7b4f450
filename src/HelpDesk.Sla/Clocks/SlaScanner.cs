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
        var due = await db.Clocks.AsNoTracking()
            .Where(c => c.NextDueAt != null && c.NextDueAt <= now)
            .OrderBy(c => c.NextDueAt)
            .Take(options.Value.Scanner.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return new ScanResult(0, 0);
        }

        var catalog = await catalogs.GetAsync(cancellationToken);
        var fired = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var clock in due)
        {
            var threshold = clock.NextThreshold ?? ClockSchedule.BreachPercent;
            var dueAt = clock.NextDueAt!.Value;
            var calendar = catalog.CalendarFor(clock.Calendar);
            var next = ClockSchedule.Next(clock.Status, clock.Target, clock.ThresholdList, clock.ElapsedBefore, clock.RunningSince, clock.TargetReachedAt, threshold, calendar);
            var version = clock.Version;
            int? nextThreshold = next?.Threshold;
            DateTimeOffset? nextDueAt = next?.DueAt;
            // The claim: only the scanner that still sees the version it read moves the clock on.
            var claimed = await db.Clocks
                .Where(c => c.Id == clock.Id && c.Version == version)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.LastFiredPercent, threshold)
                    .SetProperty(c => c.NextThreshold, nextThreshold)
                    .SetProperty(c => c.NextDueAt, nextDueAt)
                    .SetProperty(c => c.Version, version + 1), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

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
            fired++;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (fired > 0)
        {
            logger.LogInformation("Raised {Fired} SLA warnings/breaches ({Due} due)", fired, due.Count);
        }
        return new ScanResult(due.Count, fired);
    }
}

public readonly record struct ScanResult(int Due, int Fired);

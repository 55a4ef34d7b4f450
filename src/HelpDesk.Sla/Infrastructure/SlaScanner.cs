using System.Diagnostics.Metrics;
using HelpDesk.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Sla.Infrastructure;

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
        var fired = await FireBatchAsync(db, due, catalog, cancellationToken)
            ? due.Count
            : await FireOneByOneAsync(db, due.Select(d => d.Id).ToList(), now, catalog, cancellationToken);
        Record(due.Count, fired);
        return new ScanResult(due.Count, fired);
    }

    /// <summary>
    /// Fast path: the whole batch in one SaveChanges; the Version concurrency token makes every UPDATE conditional,
    /// so if another replica (or a lifecycle event) touched any of these clocks, nothing of this batch commits.
    /// </summary>
    private async Task<bool> FireBatchAsync(SlaDbContext db, List<SlaClock> due, SlaCatalog catalog, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var clock in due)
            {
                Fire(db, clock, catalog);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Contended batch: claim clock by clock, each claim a conditional update; a lost claim is simply skipped.</summary>
    private async Task<int> FireOneByOneAsync(SlaDbContext db, List<long> ids, DateTimeOffset now, SlaCatalog catalog, CancellationToken cancellationToken)
    {
        var fired = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var fresh = await db.Clocks.AsNoTracking().Where(c => ids.Contains(c.Id) && c.NextDueAt != null && c.NextDueAt <= now).ToListAsync(cancellationToken);
        foreach (var clock in fresh)
        {
            var version = clock.Version;
            var (firing, raised) = clock.Fire(catalog.CalendarFor(clock.Calendar), time.GetUtcNow());
            var claimed = await db.Clocks
                .Where(c => c.Id == clock.Id && c.Version == version)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.LastFiredPercent, clock.LastFiredPercent)
                    .SetProperty(c => c.NextThreshold, clock.NextThreshold)
                    .SetProperty(c => c.NextDueAt, clock.NextDueAt)
                    .SetProperty(c => c.Version, clock.Version), cancellationToken);
            if (claimed == 1)
            {
                Add(db, firing, raised);
                fired++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return fired;
    }

    private void Fire(SlaDbContext db, SlaClock clock, SlaCatalog catalog)
    {
        var (firing, raised) = clock.Fire(catalog.CalendarFor(clock.Calendar), time.GetUtcNow());
        Add(db, firing, raised);
    }

    /// <summary>The firing record and its integration event, in the claim's transaction.</summary>
    private static void Add(SlaDbContext db, SlaFiring firing, object raised)
    {
        db.Firings.Add(firing);
        db.PublishEvent(raised, firing.TicketId);
        (raised is SlaBreached ? Breaches : Warnings).Add(1);
        Lag.Record((firing.FiredAt - firing.DueAt).TotalMilliseconds);
    }

    private void Record(int due, int fired)
    {
        if (fired > 0)
        {
            logger.LogInformation("Raised {Fired} SLA warnings/breaches ({Due} due)", fired, due);
        }
    }
}

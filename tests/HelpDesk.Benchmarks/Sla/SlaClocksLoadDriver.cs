using System.Diagnostics;
using System.Globalization;
using HelpDesk.Messaging;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Sla;
using HelpDesk.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using HelpDesk.Sla.Domain;
using HelpDesk.Sla.Infrastructure;

namespace HelpDesk.Benchmarks.Sla;

/// <summary>
/// Durable SLA clocks at scale: bulk-loads open clocks into the SLA database (SQLite), then reports
/// (1) the cost of one scanner tick when K clocks are due, at a small and at the full clock count,
/// (2) the running service's memory with every clock open, and (3) the firing lag (due → event written)
/// of a batch coming due while the real scanner runs on the system clock.
/// Usage: sla-clocks [--clocks 1000000] [--due 1000] [--data DIR]
/// </summary>
public sealed class SlaClocksLoadDriver : ILoadDriver
{
    public string Name => "sla-clocks";

    public string Description => "1,000,000 open SLA clocks: scan cost per tick, memory, firing lag (--clocks N, --due K)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var clocks = IntOption(args, "--clocks", 1_000_000);
        var due = IntOption(args, "--due", 1_000);
        var dataOption = Option(args, "--data");
        using var temp = dataOption is null ? new TempDirectory("helpdesk-sla-bench") : null;
        var data = dataOption ?? temp!.Path;
        Console.WriteLine($"sla-clocks: {clocks:N0} open clocks, batches of {due:N0} due, SQLite in {data}");

        var now = DateTimeOffset.UtcNow;
        var small = Math.Min(10_000, clocks);
        using (var host = await StartAsync(data, scanner: false, batchSize: Math.Max(due, 1), cancellationToken))
        {
            var file = Path.Combine(data, SlaExtensions.DatabaseName + ".db");
            var watch = Stopwatch.StartNew();
            await BulkInsertAsync(file, 0, small, now, cancellationToken);
            Console.WriteLine();
            Console.WriteLine("Scan tick cost (scanner's due query, claim, firing row and outbox event in one transaction):");
            await MeasureTicksAsync(host, file, small, due, cancellationToken);

            await BulkInsertAsync(file, small, clocks - small, now, cancellationToken);
            watch.Stop();
            Console.WriteLine($"Inserted {clocks:N0} open clocks in {watch.Elapsed.TotalSeconds:N1} s ({clocks / watch.Elapsed.TotalSeconds:N0} rows/s); database {new FileInfo(file).Length / 1048576.0:N0} MiB");
            await MeasureTicksAsync(host, file, clocks, due, cancellationToken);
            await PrintPlanAsync(file, cancellationToken);
            await host.StopAsync(cancellationToken);
        }

        using (var host = await StartAsync(data, scanner: true, batchSize: 500, cancellationToken))
        {
            var file = Path.Combine(data, SlaExtensions.DatabaseName + ".db");
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            ReportMemory($"Service running with {clocks:N0} open clocks");

            // A batch falls due over one second, starting two seconds from now; the real scanner (system clock) raises them.
            var start = DateTimeOffset.UtcNow.AddSeconds(2);
            var ids = await InsertDueAsync(file, due, start, TimeSpan.FromSeconds(1), cancellationToken);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            List<SlaFiring> firings;
            do
            {
                await Task.Delay(250, cancellationToken);
                firings = await InScopeAsync(host, db => db.Firings.AsNoTracking().Where(f => ids.Contains(f.TicketId)).ToListAsync(cancellationToken));
            }
            while (firings.Count < due && DateTime.UtcNow < deadline);
            var lags = firings.Select(f => (f.FiredAt - f.DueAt).TotalMilliseconds).Order().ToList();
            Console.WriteLine();
            Console.WriteLine($"Firing lag for {firings.Count:N0}/{due:N0} breaches due over 1 s (real scanner, system clock):");
            if (lags.Count > 0)
            {
                Console.WriteLine($"  p50 {Percentile(lags, 0.50):N1} ms   p99 {Percentile(lags, 0.99):N1} ms   max {lags[^1]:N1} ms");
            }
            var perClock = firings.GroupBy(f => f.ClockId).Max(g => g.Count());
            Console.WriteLine($"  firings per clock: at most {perClock} (each breach raised once)");
            ReportMemory("After the batch fired");
            await host.StopAsync(cancellationToken);
        }
        return 0;
    }

    private static async Task<IHost> StartAsync(string data, bool scanner, int batchSize, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PersistenceExtensions.DataDirectoryKey] = data,
            ["Sla:Scanner:Enabled"] = scanner ? "true" : "false",
            ["Sla:Scanner:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["Sla:Policies:standard:Resolution"] = "08:00:00",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSla();
        builder.AddHelpDeskBus();
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static async Task MeasureTicksAsync(IHost host, string file, int open, int due, CancellationToken cancellationToken)
    {
        var scanner = ActivatorUtilities.CreateInstance<SlaScanner>(host.Services);
        await scanner.ScanOnceAsync(cancellationToken); // warm-up: nothing due
        foreach (var k in new[] { 0, Math.Max(due / 10, 1), due }.Distinct())
        {
            if (k > 0)
            {
                await InsertDueAsync(file, k, DateTimeOffset.UtcNow.AddMinutes(-1), TimeSpan.FromSeconds(1), cancellationToken);
            }
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = await scanner.ScanOnceAsync(cancellationToken);
            watch.Stop();
            process.Refresh();
            // CPU time is the whole process's (the outbox dispatcher publishing the new events included).
            var cpu = process.TotalProcessorTime - cpuBefore;
            Console.WriteLine($"  {open,9:N0} open, {k,5:N0} due: tick {watch.Elapsed.TotalMilliseconds,9:N2} ms wall, {cpu.TotalMilliseconds,7:N0} ms CPU, rows read {result.Due:N0}, fired {result.Fired:N0}");
        }
    }

    private static async Task PrintPlanAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN SELECT * FROM sla_clocks WHERE NextDueAt IS NOT NULL AND NextDueAt <= $now ORDER BY NextDueAt LIMIT 500";
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.UtcTicks);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Console.WriteLine($"  query plan: {reader.GetString(3)}");
        }
    }

    /// <summary>Open resolution clocks whose next warning is due within the next 30 days (none during the run).</summary>
    private static Task BulkInsertAsync(string file, int offset, int count, DateTimeOffset now, CancellationToken cancellationToken) =>
        InsertAsync(file, count, i =>
        {
            var started = now.AddSeconds(-((offset + i) % 86_400));
            return (started, now.AddDays(1).AddSeconds((offset + i) % (29 * 86_400)), 75);
        }, cancellationToken);

    private static async Task<HashSet<Guid>> InsertDueAsync(string file, int count, DateTimeOffset first, TimeSpan spread, CancellationToken cancellationToken)
    {
        var ids = new HashSet<Guid>();
        await InsertAsync(file, count, i => (first.AddHours(-8), first + spread * i / Math.Max(count, 1), 100), cancellationToken, ids);
        return ids;
    }

    private static async Task InsertAsync(string file, int count, Func<int, (DateTimeOffset Started, DateTimeOffset NextDue, int Threshold)> shape, CancellationToken cancellationToken, HashSet<Guid>? ids = null)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            // Bulk load only: a large page cache keeps the random-key indexes in memory while inserting.
            pragma.CommandText = "PRAGMA cache_size=-262144; PRAGMA synchronous=NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        const int perTransaction = 100_000;
        for (var done = 0; done < count; done += perTransaction)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO sla_clocks (TicketId, Metric, TicketNumber, Queue, Policy, Calendar, TargetTicks, Thresholds, Status, Cycle,
                    StartedAt, ElapsedBeforeTicks, RunningSince, PausedTicks, DueAt, FiredCycle, LastFiredPercent, NextThreshold, NextDueAt, Version)
                VALUES ($ticket, 'Resolution', $number, 'service-desk', 'standard', '24x7', $target, '75,90', 'Running', 0,
                    $started, 0, $started, 0, $due, 0, 0, $threshold, $next, 1)
                """;
            var ticket = command.Parameters.Add("$ticket", SqliteType.Text);
            var number = command.Parameters.Add("$number", SqliteType.Text);
            var target = command.Parameters.Add("$target", SqliteType.Integer);
            var started = command.Parameters.Add("$started", SqliteType.Integer);
            var dueAt = command.Parameters.Add("$due", SqliteType.Integer);
            var threshold = command.Parameters.Add("$threshold", SqliteType.Integer);
            var next = command.Parameters.Add("$next", SqliteType.Integer);
            target.Value = TimeSpan.FromHours(8).Ticks;
            command.Prepare();
            for (var i = done; i < Math.Min(count, done + perTransaction); i++)
            {
                var id = Guid.NewGuid();
                ids?.Add(id);
                var (start, nextDue, percent) = shape(i);
                ticket.Value = id.ToString().ToUpperInvariant();
                number.Value = "HD-" + i.ToString("D8", CultureInfo.InvariantCulture);
                started.Value = start.UtcTicks;
                dueAt.Value = start.AddHours(8).UtcTicks;
                threshold.Value = percent;
                next.Value = nextDue.UtcTicks;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        await connection.CloseAsync();
        // Drop the pooled bulk-load connection and its large page cache, so memory figures show the service alone.
        SqliteConnection.ClearPool(connection);
    }

    private static async Task<T> InScopeAsync<T>(IHost host, Func<SlaDbContext, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SlaDbContext>());
    }

    private static void ReportMemory(string when)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        Console.WriteLine();
        Console.WriteLine($"{when}: working set {process.WorkingSet64 / 1048576.0:N0} MiB, GC heap {GC.GetTotalMemory(false) / 1048576.0:N1} MiB (clocks live in the database, not in memory)");
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        int.TryParse(Option(args, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}

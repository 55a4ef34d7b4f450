using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using HelpDesk.Contracts;
using HelpDesk.LocalServers;
using HelpDesk.Messaging;
using HelpDesk.Routing;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HelpDesk.Benchmarks.Routing;

/// <summary>
/// The approval engine on PostgreSQL (a private cluster from the installed binaries):
/// (1) decisions per second under contention — every approver decides every open round, all approvers walking the
/// rounds in the same order with several concurrent deciders each, so decisions on one round collide on the request's
/// concurrency token and are retried (<see cref="ApprovalTransactions.DecideWithRetryAsync"/>, what the API runs); counted,
/// and the decided rounds checked against the outbox;
/// (2) the overdue scan with many pending stages: one <see cref="ApprovalTimeoutScanner.ScanAsync"/> pass with nothing
/// due and with a batch due, at a small and at the full pending count, and the plan of its due query.
/// Usage: approval-engine [--rounds 400] [--approvers 4] [--workers 4] [--pending 10000] [--due 100]
/// </summary>
public sealed class ApprovalEngineLoadDriver : ILoadDriver
{
    private const string Group = "cab";

    public string Name => "approval-engine";

    public string Description => "Approval engine on PostgreSQL: decisions/s with approvers racing on open rounds, overdue scan with 10,000+ pending stages";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = IntOption(args, "--rounds", 400);
        var approvers = IntOption(args, "--approvers", 4);
        var workers = IntOption(args, "--workers", 4);
        var pending = IntOption(args, "--pending", 10_000);
        var due = IntOption(args, "--due", 100);
        if (!PostgresCluster.IsInstalled)
        {
            Console.Error.WriteLine("PostgreSQL server binaries are not installed (scripts/install-test-deps.sh).");
            return 2;
        }
        using var temp = new TempDirectory("helpdesk-approval-bench");
        await using var cluster = new PostgresCluster(Path.Combine(temp.Path, "pg"));
        await cluster.StartAsync(cancellationToken);
        Console.WriteLine($"approval-engine: PostgreSQL on port {cluster.Port}; {Environment.ProcessorCount} cores; load {Load()}");

        foreach (var mode in new[] { ApprovalMode.AllOf, ApprovalMode.AnyOf })
        {
            var clock = new BenchClock(DateTimeOffset.UtcNow);
            using var host = await StartAsync(temp.Path, await cluster.CreateDatabaseAsync($"decide_{mode}".ToLowerInvariant(), cancellationToken), approvers, clock, cancellationToken);
            var tickets = await SeedAsync(host, rounds, mode, remindAfter: null, clock.GetUtcNow(), cancellationToken);
            await DecideAllAsync(host, tickets, mode, approvers, workers, clock, cancellationToken);
            await host.StopAsync(cancellationToken);
        }

        {
            var clock = new BenchClock(DateTimeOffset.UtcNow);
            using var host = await StartAsync(temp.Path, await cluster.CreateDatabaseAsync("scan", cancellationToken), approvers, clock, cancellationToken);
            Console.WriteLine();
            Console.WriteLine("Overdue scan (one ApprovalTimeoutScanner pass: due query on the NextDueAt index, then one transaction per due stage):");
            var small = Math.Min(1_000, pending);
            await SeedAsync(host, small, ApprovalMode.AnyOf, TimeSpan.FromDays(1), clock.GetUtcNow(), cancellationToken);
            await MeasureScanAsync(host, clock, small, due, cancellationToken);
            var watch = Stopwatch.StartNew();
            await SeedAsync(host, pending - small, ApprovalMode.AnyOf, TimeSpan.FromDays(1), clock.GetUtcNow(), cancellationToken);
            Console.WriteLine($"  seeded {pending - small:N0} more pending rounds through the engine in {watch.Elapsed.TotalSeconds:N1} s");
            await MeasureScanAsync(host, clock, pending, due, cancellationToken);
            await PrintPlanAsync(host, clock.GetUtcNow(), cancellationToken);
            await host.StopAsync(cancellationToken);
        }
        Console.WriteLine($"load at the end: {Load()}");
        return 0;
    }

    private static async Task<IHost> StartAsync(string data, string connection, int approvers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        var settings = new Dictionary<string, string?>
        {
            [PersistenceExtensions.DataDirectoryKey] = Path.Combine(data, "routing-" + Guid.NewGuid().ToString("N")),
            ["ConnectionStrings:" + RoutingExtensions.DatabaseName] = connection,
            // The driver runs the scan itself: the background pass sleeps for the whole run.
            ["Routing:Approvals:ScanInterval"] = "1.00:00:00",
        };
        for (var i = 0; i < approvers; i++)
        {
            settings[$"Routing:Approvals:Groups:{Group}:{i}"] = Approver(i);
        }
        TestCallers.Configure(settings); // the service starts only with the gateway's key; no HTTP is called here
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The migrator's probe of a new database's history table fails by design; it is not a finding.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.AddRouting();
        builder.AddHelpDeskBus();
        builder.Services.AddSingleton(clock);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>Open rounds started through the engine (stages, seats, signed links, outbox events), 200 per transaction.</summary>
    private static async Task<List<Guid>> SeedAsync(IHost host, int count, ApprovalMode mode, TimeSpan? remindAfter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stages = new[] { new ApprovalStageDefinition(Group, mode, [new ApproverRef(ApproverKind.Group, Group)], RemindAfter: remindAfter, Timeout: remindAfter * 3) };
        var tickets = new List<Guid>(count);
        for (var done = 0; done < count; done += 200)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
            var engine = scope.ServiceProvider.GetRequiredService<ApprovalEngine>();
            for (var i = done; i < Math.Min(count, done + 200); i++)
            {
                var ticket = Guid.CreateVersion7();
                tickets.Add(ticket);
                var subject = new ApprovalSubject(ticket, "HD-" + ticket.ToString("N")[..10], IsChange: true, "[High risk] Core switch firmware", RequesterEmail: "ops@example.org");
                await engine.StartAsync(db, subject, stages, now, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return tickets;
    }

    private static async Task DecideAllAsync(IHost host, List<Guid> tickets, ApprovalMode mode, int approvers, int workers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var histogram = new LongHistogram(TimeSpan.TicksPerMinute, 3);
        var counts = new ConcurrentDictionary<ApprovalDecisionOutcome, int>();
        long attempts = 0, calls = 0;
        var watch = Stopwatch.StartNew();
        var deciders = Enumerable.Range(0, approvers).SelectMany(a =>
        {
            // Every approver walks the rounds in the same order: their decisions on a round land together.
            var queue = new ConcurrentQueue<Guid>(tickets);
            return Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                var names = new[] { Approver(a) };
                var groups = mode == ApprovalMode.AnyOf ? new HashSet<string>([Group]) : new HashSet<string>();
                while (queue.TryDequeue(out var ticket))
                {
                    await using var scope = host.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
                    var engine = scope.ServiceProvider.GetRequiredService<ApprovalEngine>();
                    var directory = scope.ServiceProvider.GetRequiredService<ApproverDirectory>();
                    var decision = new ApprovalDecision(Approve: a != 1 || mode == ApprovalMode.AllOf, names[0], "api", null);
                    var started = Stopwatch.GetTimestamp();
                    var result = await ApprovalTransactions.DecideWithRetryAsync(db, tx =>
                    {
                        Interlocked.Increment(ref attempts);
                        return engine.DecideAsync(db, ticket, v => directory.Holds(v, names, groups), decision, clock.GetUtcNow(), tx);
                    }, cancellationToken);
                    lock (histogram)
                    {
                        histogram.RecordValue(Stopwatch.GetElapsedTime(started).Ticks);
                    }
                    Interlocked.Increment(ref calls);
                    counts.AddOrUpdate(result.Outcome, 1, (_, n) => n + 1);
                }
            }, cancellationToken));
        }).ToList();
        await Task.WhenAll(deciders);
        watch.Stop();
        var (votes, decided) = await CountAsync(host, cancellationToken);

        Console.WriteLine();
        Console.WriteLine($"{mode}: {tickets.Count:N0} open rounds, {approvers} approvers × {workers} concurrent deciders each ({approvers * workers} at once), same order:");
        Console.WriteLine($"  {calls:N0} decisions in {watch.Elapsed.TotalSeconds:N2} s = {calls / watch.Elapsed.TotalSeconds:N0} decisions/s; recorded {counts.GetValueOrDefault(ApprovalDecisionOutcome.Recorded):N0}, "
            + $"refused {string.Join(", ", counts.Where(c => c.Key != ApprovalDecisionOutcome.Recorded).Select(c => $"{c.Key} {c.Value:N0}"))}");
        Console.WriteLine($"  attempts {attempts:N0}: {attempts - calls:N0} re-runs after a concurrent commit on the same request ({(attempts - calls) * 100.0 / calls:N1} % of decisions)");
        Console.WriteLine($"  latency per decision (closed loop, own transaction, retries included): p50 {Ms(histogram, 50)} ms  p90 {Ms(histogram, 90)} ms  p99 {Ms(histogram, 99)} ms  max {histogram.GetMaxValue() / (double)TimeSpan.TicksPerMillisecond:N1} ms");
        Console.WriteLine($"  check: decided seats {votes:N0}, TicketApprovalDecided in the outbox {decided:N0} (rounds {tickets.Count:N0})");
    }

    private static async Task<(int Votes, int Decided)> CountAsync(IHost host, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var votes = await db.ApprovalVotes.CountAsync(v => v.Decision != null, cancellationToken);
        var name = typeof(TicketApprovalDecided).FullName + ",";
        var decided = await db.OutboxMessages.CountAsync(m => m.MessageType.StartsWith(name), cancellationToken);
        return (votes, decided);
    }

    private static async Task MeasureScanAsync(IHost host, BenchClock clock, int open, int due, CancellationToken cancellationToken)
    {
        var scanner = ActivatorUtilities.CreateInstance<ApprovalTimeoutScanner>(host.Services);
        await scanner.ScanAsync(cancellationToken); // warm-up: nothing due
        var watch = Stopwatch.StartNew();
        var handled = await scanner.ScanAsync(cancellationToken);
        Console.WriteLine($"  {open,9:N0} pending, {0,4} due: pass {watch.Elapsed.TotalMilliseconds,8:N2} ms, stages handled {handled}");

        // A batch whose reminder is due: rounds seeded an hour-and-a-day ago at a one-day reminder.
        var batch = await SeedAsync(host, due, ApprovalMode.AnyOf, TimeSpan.FromDays(1), clock.GetUtcNow().AddDays(-1).AddHours(-1), cancellationToken);
        watch.Restart();
        handled = 0;
        int pass;
        while ((pass = await scanner.ScanAsync(cancellationToken)) > 0)
        {
            handled += pass;
        }
        watch.Stop();
        Console.WriteLine($"  {open + batch.Count,9:N0} pending, {due,4} due: pass {watch.Elapsed.TotalMilliseconds,8:N2} ms, stages reminded {handled} ({watch.Elapsed.TotalMilliseconds / Math.Max(handled, 1):N2} ms each)");
    }

    private static async Task PrintPlanAsync(IHost host, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """EXPLAIN (ANALYZE, BUFFERS) SELECT "Id", "RequestId" FROM routing_approval_stages WHERE "NextDueAt" IS NOT NULL AND "NextDueAt" <= $1 ORDER BY "NextDueAt" LIMIT 100""",
            connection);
        command.Parameters.AddWithValue(now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Console.WriteLine($"  plan: {reader.GetString(0)}");
        }
    }

    private static string Approver(int i) => $"approver{i}@example.org";

    private static string Ms(LongHistogram histogram, double percentile) =>
        (histogram.GetValueAtPercentile(percentile) / (double)TimeSpan.TicksPerMillisecond).ToString("N1", CultureInfo.InvariantCulture);

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }

    /// <summary>A clock the driver sets: rounds seeded in the past make their reminders due without waiting.</summary>
    private sealed class BenchClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

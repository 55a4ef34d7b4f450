using System.Diagnostics;
using System.Globalization;
using HelpDesk.Benchmarks.Reliability;
using HelpDesk.LocalServers;
using HelpDesk.Reliability;

namespace HelpDesk.Benchmarks.Flow;

/// <summary>
/// Open-loop load through the gateway, embedded or --distributed: tickets at a constant --rate for --warmup + --seconds,
/// then up to --drain seconds for the backlog to clear. Reports tickets/s offered, accepted and fully processed (routed
/// on the ticket + SLA clock + notification logged), the backlog over time and at the end, latency percentiles from
/// each ticket's scheduled send time to its 201 and to each effect, every hop in between, and CPU per ticket.
/// </summary>
public sealed class TicketFlowDriver : ILoadDriver
{
    public string Name => "ticket-flow";

    public string Description =>
        "Open loop: tickets/s offered/accepted/fully processed, backlog, p50/p90/p99/max submit→201/effects, per hop, CPU per ticket " +
        "[--distributed] [--rate 50] [--seconds 60] [--warmup 5] [--drain 60] [--replicas N] [--storm] [--no-durable-postgres] [-- AppHost/host args]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = FlowOptions.Parse(args);
        var root = Path.Combine(Path.GetTempPath(), $"helpdesk-flow-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            if (options.Distributed && !args.Contains("--no-durable-postgres"))
            {
                // Figures with PostgreSQL's durability on (fsync, synchronous_commit), as in production.
                Environment.SetEnvironmentVariable(PostgresClusterLayout.DurableVariable, "1");
            }
            var corpus = FlowCorpus.Load(options.Storm);
            Console.WriteLine($"ticket-flow: {options}; PostgreSQL durable: {PostgresClusterLayout.Durable}");
            Console.WriteLine($"tickets: {corpus}");
            Console.WriteLine($"load average before start: {LoadAverage()}");
            await using var platform = await LoadPlatform.StartAsync(options.Distributed, root, options.PlatformArgs, cancellationToken);
            using var http = PlatformProbe.CreateClient(platform.Gateway, platform.ApiKey);
            return await MeasureAsync(platform, http, corpus, options, root, cancellationToken);
        }
        finally
        {
            TryDelete(root);
        }
    }

    private static async Task<int> MeasureAsync(LoadPlatform platform, HttpClient http, FlowCorpus corpus, FlowOptions options, string root, CancellationToken cancellationToken)
    {
        var total = (int)Math.Round(options.Rate * (options.Warmup + options.Seconds));
        var sender = new OpenLoopSender(http, corpus, options.Rate, total, Guid.NewGuid().ToString("N")[..8]);
        var sending = sender.RunAsync(cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(options.Warmup), cancellationToken);
        var cpuBefore = CpuMeter.Sample(root);
        var cpuClock = Stopwatch.StartNew();
        await sending;
        var cpu = CpuMeter.Difference(CpuMeter.Sample(root), cpuBefore);
        var cpuSeconds = cpuClock.Elapsed.TotalSeconds;
        Console.WriteLine($"load average after sending: {LoadAverage()}");

        var drainClock = Stopwatch.StartNew();
        var ledger = await DrainAsync(platform, [.. sender.Accepted.Keys], TimeSpan.FromSeconds(options.Drain), cancellationToken);
        var report = new FlowReport(sender, ledger, options.Rate * options.Warmup);
        report.Print(options, drainClock.Elapsed);
        FlowReport.PrintCpu(cpu, cpuSeconds, report.AcceptedInWindow);
        var counts = await ExactlyOnceCounts.ReadAsync(platform.DatabaseConnection, platform.Distributed, ledger, cancellationToken);
        counts.Print(sender.Accepted.Count);
        return report.AllProcessed && counts.Exact ? 0 : 1;
    }

    /// <summary>Reads the ledger until every accepted ticket is fully processed or the drain time is up.</summary>
    private static async Task<EffectLedger> DrainAsync(LoadPlatform platform, IReadOnlyList<Guid> accepted, TimeSpan drain, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            EffectLedger ledger;
            try
            {
                ledger = await EffectLedger.ReadAsync(platform.DatabaseConnection, platform.Distributed, cancellationToken);
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == "53300" && deadline.Elapsed < drain)
            {
                // The services hold every connection the server allows (max_connections); read again shortly.
                Console.WriteLine($"ledger read refused ({ex.MessageText}); retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                continue;
            }
            if (accepted.All(id => ledger.Tickets.TryGetValue(id, out var t) && t.Complete) || deadline.Elapsed >= drain)
            {
                return ledger;
            }
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void TryDelete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // PostgreSQL files owned by another user; the temp directory is cleaned by the OS.
        }
    }
}

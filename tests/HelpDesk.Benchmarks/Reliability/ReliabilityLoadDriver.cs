using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HelpDesk.Reliability;

namespace HelpDesk.Benchmarks.Reliability;

/// <summary>
/// Bounded load through the gateway on loopback (embedded by default, --distributed for RabbitMQ + PostgreSQL +
/// one process per service). Submits --count tickets with --concurrency channel apps, stops after --count or
/// --seconds, whichever comes first, then reports sustained tickets/s and end-to-end latency from submit to
/// routed (intake shows the queue), SLA clock started and notification logged, p50/p99.
/// </summary>
public sealed class ReliabilityLoadDriver : ILoadDriver
{
    public string Name => "reliability-load";

    public string Description => "Tickets/s and submit→routed/SLA/notified latency p50/p99 through the gateway [--distributed] [--count N] [--concurrency N] [--seconds N]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var distributed = args.Contains("--distributed");
        var count = IntOption(args, "--count", 300);
        var concurrency = IntOption(args, "--concurrency", 8);
        var seconds = IntOption(args, "--seconds", 120);
        var root = Path.Combine(Path.GetTempPath(), $"helpdesk-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            Console.WriteLine($"reliability-load: {(distributed ? "distributed (RabbitMQ, PostgreSQL, one process per service)" : "embedded (one process, in-memory bus, SQLite)")}, {count} tickets, {concurrency} concurrent clients, at most {seconds} s");
            await using var platform = await LoadPlatform.StartAsync(distributed, root, [], cancellationToken);
            using var http = PlatformProbe.CreateClient(platform.Gateway, platform.ApiKey);
            var probe = new PlatformProbe(http);
            return await MeasureAsync(probe, count, concurrency, TimeSpan.FromSeconds(seconds), cancellationToken);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // PostgreSQL files owned by another user; the temp directory is cleaned by the OS.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static async Task<int> MeasureAsync(PlatformProbe probe, int count, int concurrency, TimeSpan budget, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        var clock = Stopwatch.StartNew();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var results = new ConcurrentBag<TicketTiming>();
        var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var next = 0;
        double lastAcknowledged = 0;

        async Task ClientAsync()
        {
            while (!deadline.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref next);
                if (n > count)
                {
                    return;
                }
                var submittedAt = clock.Elapsed.TotalMilliseconds;
                Guid? id;
                string outcome;
                try
                {
                    (id, outcome) = await probe.TrySubmitAsync(PlatformProbe.BodyFor($"Load {runId} #{n}", n), $"load-{runId}-{n}", deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                if (id is null)
                {
                    failures.AddOrUpdate(outcome, 1, (_, c) => c + 1);
                    continue;
                }
                var acknowledgedAt = clock.Elapsed.TotalMilliseconds;
                InterlockedMax(ref lastAcknowledged, acknowledgedAt);
                results.Add(await FollowAsync(probe, id.Value, submittedAt, acknowledgedAt, clock, deadline.Token));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(ClientAsync, CancellationToken.None)));
        var all = results.ToList();
        var complete = all.Where(r => r.Complete).ToList();
        var seconds = lastAcknowledged / 1000;
        Console.WriteLine();
        Console.WriteLine($"acknowledged      {all.Count} tickets in {seconds:0.0} s = {all.Count / Math.Max(seconds, 0.001):0.0} tickets/s sustained (201 from the gateway)");
        var lastComplete = complete.Count == 0 ? 0 : complete.Max(r => r.Notified!.Value + r.SubmittedAt) / 1000;
        Console.WriteLine($"fully processed   {complete.Count} of {all.Count} (routed + SLA clock + notification logged) by {lastComplete:0.0} s = {complete.Count / Math.Max(lastComplete, 0.001):0.0} tickets/s end to end");
        if (!failures.IsEmpty)
        {
            Console.WriteLine($"failed attempts   {string.Join(", ", failures.Select(f => $"{f.Key}×{f.Value}"))}");
        }
        Console.WriteLine($"{"latency (ms)",-28} {"p50",8} {"p99",8} {"max",8}");
        Report("submit → 201", all.Select(r => (double?)r.Acknowledged));
        Report("submit → routed", all.Select(r => r.Routed));
        Report("submit → SLA clock started", all.Select(r => r.SlaStarted));
        Report("submit → notification logged", all.Select(r => r.Notified));
        Report("submit → all three", all.Select(r => r.Complete ? Math.Max(r.Routed!.Value, Math.Max(r.SlaStarted!.Value, r.Notified!.Value)) : (double?)null));
        return complete.Count == all.Count && all.Count == count ? 0 : 1;
    }

    /// <summary>Polls the ticket's three effects every 25 ms and records when each was first seen (ms after submit).</summary>
    private static async Task<TicketTiming> FollowAsync(PlatformProbe probe, Guid id, double submittedAt, double acknowledgedAt, Stopwatch clock, CancellationToken cancellationToken)
    {
        double? routed = null, sla = null, notified = null;
        try
        {
            while (routed is null || sla is null || notified is null)
            {
                if (routed is null && await probe.RoutedQueueAsync(id, cancellationToken) is not null)
                {
                    routed = clock.Elapsed.TotalMilliseconds - submittedAt;
                }
                if (sla is null && (await probe.SlaClocksAsync(id, cancellationToken)).Count > 0)
                {
                    sla = clock.Elapsed.TotalMilliseconds - submittedAt;
                }
                if (notified is null && (await probe.DeliveriesAsync(id, cancellationToken)).Count > 0)
                {
                    notified = clock.Elapsed.TotalMilliseconds - submittedAt;
                }
                if (routed is null || sla is null || notified is null)
                {
                    await Task.Delay(25, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Out of time: the ticket counts as not fully processed.
        }
        return new TicketTiming(submittedAt, acknowledgedAt - submittedAt, routed, sla, notified);
    }

    private static void Report(string what, IEnumerable<double?> values)
    {
        var sorted = values.Where(v => v is not null).Select(v => v!.Value).Order().ToList();
        if (sorted.Count == 0)
        {
            Console.WriteLine($"{what,-28} {"-",8} {"-",8} {"-",8}");
            return;
        }
        Console.WriteLine($"{what,-28} {Percentile(sorted, 0.50),8:0} {Percentile(sorted, 0.99),8:0} {sorted[^1],8:0}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static void InterlockedMax(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }

    private sealed record TicketTiming(double SubmittedAt, double Acknowledged, double? Routed, double? SlaStarted, double? Notified)
    {
        public bool Complete => Routed is not null && SlaStarted is not null && Notified is not null;
    }
}

using System.Diagnostics;
using System.Globalization;
using HelpDesk.Benchmarks.Flow;
using HelpDesk.Benchmarks.Reliability;
using HelpDesk.LocalServers;
using HelpDesk.Reliability;

namespace HelpDesk.Benchmarks.Soak;

/// <summary>
/// A bounded soak: distributed mode (RabbitMQ, PostgreSQL with its durability on, one process per service), tickets at
/// a steady open-loop rate for --minutes, and every --sample seconds each process's resident memory, open handles,
/// established connections and threads (<see cref="ResourceSampler"/>). Writes the samples as CSV and the curves as
/// SVG (<see cref="SoakPlot"/>); exits 1 if a process grew by more than --growth percent between the first and the
/// last minute after the warm-up (the median of each), or if tickets were refused.
/// </summary>
public sealed class SoakDriver : ILoadDriver
{
    public string Name => "soak";

    public string Description =>
        "Bounded soak in distributed mode: steady rate, memory/handles/connections per process every 10 s, SVG plot " +
        "[--minutes 10] [--rate 4] [--warmup 120] [--sample 10] [--svg soak.svg] [--csv soak.csv] [--growth 25] [-- AppHost args]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = SoakOptions.Parse(args);
        var root = Path.Combine(Path.GetTempPath(), $"helpdesk-soak-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            Environment.SetEnvironmentVariable(PostgresClusterLayout.DurableVariable, "1");
            Console.WriteLine($"soak: {options}; load average before start: {TicketFlowDriver.LoadAverage()}");
            await using var platform = await LoadPlatform.StartAsync(distributed: true, root, options.PlatformArgs, cancellationToken);
            using var http = PlatformProbe.CreateClient(platform.Gateway, platform.ApiKey);
            return await SoakAsync(http, root, options, cancellationToken);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // PostgreSQL files owned by its server user.
            }
        }
    }

    private static async Task<int> SoakAsync(HttpClient http, string root, SoakOptions options, CancellationToken cancellationToken)
    {
        var seconds = options.Minutes * 60;
        // The storm flow (one text), as in the documented soak runs, so they stay comparable.
        var sender = new OpenLoopSender(http, FlowCorpus.Load(storm: true), options.Rate, (int)Math.Round(options.Rate * seconds), Guid.NewGuid().ToString("N")[..8]);
        var samples = new List<ProcessSample>();
        var clock = Stopwatch.StartNew();
        var sending = sender.RunAsync(cancellationToken);
        while (!sending.IsCompleted)
        {
            var now = clock.Elapsed.TotalSeconds;
            var sample = ResourceSampler.Sample(now, root);
            samples.AddRange(sample);
            var services = sample.Where(s => s.Process.StartsWith("HelpDesk.", StringComparison.Ordinal));
            var figures = string.Join("  ", services.Select(s => FormattableString.Invariant($"{s.Process["HelpDesk.".Length..]} {s.ResidentMiB:0} MiB/{s.Handles} fd/{s.Connections} tcp")));
            Console.WriteLine(FormattableString.Invariant($"{now,6:0} s  accepted {sender.Accepted.Count,6}  load {TicketFlowDriver.LoadAverage()}  {figures}"));
            await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(options.SampleSeconds), cancellationToken));
        }
        await sending;
        samples.AddRange(ResourceSampler.Sample(clock.Elapsed.TotalSeconds, root));

        WriteCsv(options.Csv, samples);
        var title = string.Create(CultureInfo.InvariantCulture,
            $"HelpDesk soak: distributed, {options.Rate} tickets/s for {options.Minutes} min, {sender.Accepted.Count} accepted; load {TicketFlowDriver.LoadAverage()} at the end");
        SoakPlot.Write(options.Svg, samples, options.WarmupSeconds, title);
        Console.WriteLine($"samples: {options.Csv}; plot: {options.Svg}");
        var refused = sender.Failures.Values.Sum();
        Console.WriteLine($"accepted {sender.Accepted.Count}, refused or failed {refused} ({string.Join(", ", sender.Failures.Select(f => $"{f.Key}={f.Value}"))})");
        var growth = Growth(samples, options);
        foreach (var line in growth.Lines)
        {
            Console.WriteLine(line);
        }
        return growth.Failed || refused > 0 ? 1 : 0;
    }

    /// <summary>Median of the first minute after the warm-up against the median of the last minute, per process and measure.</summary>
    private static (bool Failed, List<string> Lines) Growth(List<ProcessSample> samples, SoakOptions options)
    {
        var lines = new List<string> { "growth after warm-up (median of the first minute after it → median of the last minute):" };
        var failed = false;
        var end = samples.Max(s => s.Seconds);
        foreach (var process in samples.GroupBy(s => s.Process).Where(g => g.Key.StartsWith("HelpDesk.", StringComparison.Ordinal) || g.Key is "postgres" or "beam.smp"))
        {
            var early = process.Where(s => s.Seconds >= options.WarmupSeconds && s.Seconds < options.WarmupSeconds + 60).ToList();
            var late = process.Where(s => s.Seconds >= end - 60).ToList();
            if (early.Count == 0 || late.Count == 0 || options.WarmupSeconds + 60 > end - 60)
            {
                lines.Add($"  {process.Key}: run too short for a comparison");
                continue;
            }
            var verdicts = new List<string>();
            foreach (var (measure, value, floor) in new (string, Func<ProcessSample, double>, double)[]
                { ("MiB", s => s.ResidentMiB, 32), ("handles", s => s.Handles, 20), ("connections", s => s.Connections, 5) })
            {
                var (before, after) = (Median(early.Select(value)), Median(late.Select(value)));
                // Small absolute changes (a pool opening one more connection) are not growth.
                var grew = after - before > floor && after > before * (1 + options.GrowthPercent / 100);
                failed |= grew;
                verdicts.Add(string.Create(CultureInfo.InvariantCulture, $"{measure} {before:0} → {after:0}{(grew ? " GROWTH" : "")}"));
            }
            lines.Add($"  {process.Key}: {string.Join(", ", verdicts)}");
        }
        return (failed, lines);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void WriteCsv(string path, List<ProcessSample> samples)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllLines(path, samples.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Seconds:0.0},{s.Process},{s.ResidentMiB:0.0},{s.Handles},{s.Connections},{s.Threads}")).Prepend("seconds,process,rss_mib,handles,connections,threads"));
    }
}

using System.Diagnostics;
using System.Globalization;
using HelpDesk.Benchmarks.Flow;
using HelpDesk.Intake.Domain;

namespace HelpDesk.Benchmarks.Itil;

/// <summary>
/// The CPU of one storm-detection arrival that matches no open group: comparing its text with --recent recent tickets
/// of its queue and category (MaxCompared, 2,000 by default), as it was (each recent text tokenised into a signature
/// per arrival, then a set comparison) and as it is (each recent ticket's fingerprint made once and kept, one merge per
/// comparison). Texts: the ticket-flow mix (real IT tickets). The database read is not in these figures.
/// </summary>
public sealed class StormComparisonDriver : ILoadDriver
{
    public string Name => "storm-compare";

    public string Description => "CPU per storm-detection arrival against N recent tickets: re-tokenised signatures vs kept fingerprints [--recent 2000] [--arrivals 200]";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var recentCount = Option(args, "--recent", 2000);
        var arrivals = Option(args, "--arrivals", 200);
        var texts = FlowCorpus.Load(storm: false).Texts.Take(recentCount + arrivals).ToList();
        var recent = texts.Take(recentCount).ToList();
        var incoming = texts.Skip(recentCount).ToList();
        var kept = recent.Select(t => TextSimilarity.Fingerprint(t.Subject, t.Description)).ToList();
        Console.WriteLine($"storm-compare: {incoming.Count} arrivals × {recent.Count} recent tickets; load {TicketFlowDriver.LoadAverage()}");

        var matchesBefore = 0;
        var before = Measure(incoming, arrival =>
        {
            var signature = TextSimilarity.Signature(arrival.Subject, arrival.Description);
            matchesBefore += recent.Count(t => TextSimilarity.Similarity(signature, TextSimilarity.Signature(t.Subject, t.Description)) >= 0.6);
        });
        var matchesAfter = 0;
        var after = Measure(incoming, arrival =>
        {
            var fingerprint = TextSimilarity.Fingerprint(arrival.Subject, arrival.Description);
            matchesAfter += kept.Count(other => TextSimilarity.CanReach(fingerprint.Length, other.Length, 0.6) && TextSimilarity.Similarity(fingerprint, other) >= 0.6);
        });
        Console.WriteLine(FormattableString.Invariant($"re-tokenised signatures  {before.Micros,10:0} µs/arrival {before.Bytes / 1024.0,10:0} KiB allocated/arrival  ({matchesBefore} matches ≥ 0.6)"));
        Console.WriteLine(FormattableString.Invariant($"kept fingerprints        {after.Micros,10:0} µs/arrival {after.Bytes / 1024.0,10:0} KiB allocated/arrival  ({matchesAfter} matches ≥ 0.6)"));
        Console.WriteLine(FormattableString.Invariant($"→ {before.Micros / Math.Max(after.Micros, 0.001):0.0}× less CPU per arrival; load {TicketFlowDriver.LoadAverage()}"));
        return Task.FromResult(matchesBefore == matchesAfter ? 0 : 1);
    }

    /// <summary>Mean CPU time (this thread's wall clock, single-threaded) and allocation per arrival, after one warm-up pass.</summary>
    private static (double Micros, double Bytes) Measure(List<(string Subject, string Description)> arrivals, Action<(string Subject, string Description)> arrive)
    {
        foreach (var arrival in arrivals.Take(20))
        {
            arrive(arrival);
        }
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        foreach (var arrival in arrivals)
        {
            arrive(arrival);
        }
        return (clock.Elapsed.TotalMicroseconds / arrivals.Count, (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)arrivals.Count);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
}

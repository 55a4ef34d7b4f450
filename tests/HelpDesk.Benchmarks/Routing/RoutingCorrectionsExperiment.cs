using System.Diagnostics;
using HelpDesk.Routing.Infrastructure.Classification;

namespace HelpDesk.Benchmarks.Routing;

/// <summary>
/// Figures only (<c>routing-accuracy --corrections "0;24;48;72"</c>): what a desk's own category corrections do for
/// Italian and French. For each count N, N Italian and N French tickets of the development set (never the evaluation
/// set) play the desk's corrections — taken evenly across the categories, stored with the language the analyser
/// identifies, first in the list as <c>train-from-tickets</c> puts them — and are trained on together with train.csv
/// with the shipped settings. Reported: validation accuracy (what the replacement rule compares), test.csv accuracy
/// and prediction latency, and per-language accuracy on the evaluation set. test.csv chooses nothing here.
/// </summary>
internal static class RoutingCorrectionsExperiment
{
    public static void Run(ModelTrainer trainer, TicketAnalyzer analyzer, List<LabelledTicket> train, List<LabelledTicket> test,
        List<LabelledTicket> evaluation, List<LabelledTicket> development, IEnumerable<int> counts, double threshold, CancellationToken cancellationToken)
    {
        foreach (var count in counts)
        {
            var corrections = Corrections(analyzer, development, "it", count).Concat(Corrections(analyzer, development, "fr", count)).ToList();
            var stopwatch = Stopwatch.StartNew();
            var model = trainer.Train([.. corrections, .. train], new ClassifierTrainingOptions(), $"train.csv + {count} it/fr corrections", threshold, null, cancellationToken);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            var onTest = ModelEvaluation.Run(model, analyzer, test, threshold);
            var (p50, p99) = Latency(model, analyzer, test);
            var languages = ModelEvaluation.Run(model, analyzer, evaluation, threshold).AccuracyByLanguage;
            var identified = string.Join(' ', corrections.GroupBy(c => c.Language).Select(g => $"{g.Key} {g.Count()}"));
            Console.WriteLine($"  corrections {count} it + {count} fr (identified as: {(identified.Length == 0 ? "-" : identified)}): "
                + $"validation {model.Info.Validation?.Accuracy:0.0000}, test.csv {onTest.Metrics.Accuracy:0.0000} (p50 {p50:0.000} ms, p99 {p99:0.000} ms), "
                + $"evaluation set en {languages["en"]:0.0000} fr {languages["fr"]:0.0000} it {languages["it"]:0.0000}; "
                + $"trained in {seconds:0} s, load {File.ReadAllText("/proc/loadavg").Trim()}");
        }
    }

    /// <summary>The first <paramref name="count"/> tickets of a language, round-robin over the categories (file order within each).</summary>
    private static IEnumerable<LabelledTicket> Corrections(TicketAnalyzer analyzer, List<LabelledTicket> development, string language, int count)
    {
        var byCategory = development.Where(t => t.Language == language).GroupBy(t => t.Category).Select(g => g.ToList()).ToList();
        var picked = Enumerable.Range(0, byCategory.Max(g => g.Count))
            .SelectMany(round => byCategory.Where(g => round < g.Count).Select(g => g[round]))
            .Take(count);
        // As the corrections API stores them: with the language identification finds, not the one the set declares.
        return picked.Select(t => t with { Language = analyzer.Analyze(t.Text).Language });
    }

    private static (double P50, double P99) Latency(RoutingModel model, TicketAnalyzer analyzer, List<LabelledTicket> tickets)
    {
        var latencies = tickets.Select(t =>
        {
            var started = Stopwatch.GetTimestamp();
            model.Predict(analyzer.Analyze(t.Text));
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }).Order().ToArray();
        return (latencies[latencies.Length / 2], latencies[(int)Math.Ceiling(0.99 * latencies.Length) - 1]);
    }
}

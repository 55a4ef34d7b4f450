using System.Diagnostics;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>A step of a training run and how far it has got (0–1).</summary>
public sealed record TrainingProgress(string Stage, double Fraction);

/// <summary>
/// Trains a <see cref="RoutingModel"/>: analyse every ticket, hold out a validation share, fit softmax regression on
/// TF-IDF n-grams + cue and language features + the mean MiniLM word vector, fit the temperature and measure on the
/// held-out share, then (by default) refit on every ticket with the same settings and temperature.
/// </summary>
public sealed class ModelTrainer(TicketAnalyzer analyzer, IWordVectors vectors)
{
    public RoutingModel Train(IReadOnlyList<LabelledTicket> examples, ClassifierTrainingOptions options, string source, double threshold,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var categories = examples.Select(e => e.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (categories.Length < 2)
        {
            throw new InvalidDataException("Training needs examples of at least two categories.");
        }
        progress?.Report(new TrainingProgress("analysing", 0));
        var analysed = examples.Select(e => analyzer.Analyze(e.Text, e.Language)).ToList();
        var labels = examples.Select(e => Array.BinarySearch(categories, e.Category, StringComparer.Ordinal)).ToArray();
        var (fit, validation) = Split(examples.Count, options.ValidationFraction, options.Seed);

        var model = Fit(fit.Select(i => analysed[i]).ToList(), fit.Select(i => labels[i]).ToList(), categories, options, 1f, progress, "fitting", cancellationToken);
        progress?.Report(new TrainingProgress("calibrating", 0.9));
        var held = validation.Select(i => (Logits: model.Logits(analysed[i]), Label: labels[i])).ToList();
        var temperature = (float)CalibrationReport.FitTemperature(held);
        var metrics = held.Count == 0 ? null : ClassifierMetrics.Compute(held.Select(h => (categories[h.Label], categories[Top(h.Logits)])));
        var calibration = held.Count == 0 ? null : CalibrationReport.Compute(held.Select(h =>
        {
            var p = (float[])h.Logits.Clone();
            SoftmaxRegression.Softmax(p, temperature);
            return ((double)p.Max(), Top(p) == h.Label);
        }).ToList(), temperature, threshold);
        var languages = analysed.GroupBy(a => a.Language).ToDictionary(g => g.Key, g => g.Count());

        if (options.RefitOnAll && validation.Length > 0)
        {
            model = Fit(analysed, labels, categories, options, temperature, progress, "refitting on all tickets", cancellationToken);
        }
        var info = new ClassifierInfo(DateTimeOffset.UtcNow, source, examples.Count, categories, "softmax-regression+minilm-word-vectors",
            Math.Round(stopwatch.Elapsed.TotalSeconds, 2), metrics, calibration, validation.Length, languages, options.Describe());
        progress?.Report(new TrainingProgress("trained", 1));
        return new RoutingModel
        {
            Categories = model.Categories, Features = model.Features, Weights = model.Weights, Bias = model.Bias,
            WordScores = model.WordScores, Temperature = temperature, Info = info,
        };
    }

    /// <summary>Indices of the fitting and validation shares: a seeded shuffle, the first <paramref name="fraction"/> held out.</summary>
    public static (int[] Fit, int[] Validation) Split(int count, double fraction, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        if (fraction <= 0 || count < 50)
        {
            return (order, []);
        }
        new Random(seed).Shuffle(order);
        var held = (int)Math.Round(count * Math.Min(fraction, 0.5));
        return (order[held..].Order().ToArray(), order[..held].Order().ToArray());
    }

    private RoutingModel Fit(IReadOnlyList<AnalyzedText> texts, IReadOnlyList<int> labels, string[] categories, ClassifierTrainingOptions options,
        float temperature, IProgress<TrainingProgress>? progress, string stage, CancellationToken cancellationToken)
    {
        var features = FeatureMap.Build(texts, analyzer.Lexicon.CueCategories, options.MinimumDocuments);
        var words = features.Terms.Keys.Where(t => !t.Contains(' ', StringComparison.Ordinal) && !t.Contains(TicketAnalyzer.LanguageSeparator, StringComparison.Ordinal))
            .Concat(analyzer.Lexicon.EnglishWords).Distinct(StringComparer.Ordinal).ToList();
        var table = vectors.Get(words, (done, total) => progress?.Report(new TrainingProgress($"encoding words {done}/{total}", 0.1 * done / total)), cancellationToken);
        var dense = vectors.Dimensions;
        var scale = (float)options.WordVectorScale;
        var examples = new SparseExample[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var (indices, values) = features.Sparse(texts[i]);
            var mean = MeanVector(texts[i].Terms, table, dense);
            examples[i] = new SparseExample(
                mean is null ? indices : [.. indices, .. Enumerable.Range(features.Count, dense)],
                mean is null ? values : [.. values, .. mean.Select(v => v * scale)],
                labels[i]);
        }
        var classes = categories.Length;
        progress?.Report(new TrainingProgress(stage, 0.1));
        var (weights, bias) = SoftmaxRegression.Fit(examples, features.Count + dense, classes, options.Regression,
            epoch => progress?.Report(new TrainingProgress($"{stage}: epoch {epoch}/{options.Regression.Epochs}", 0.1 + 0.8 * epoch / options.Regression.Epochs)),
            cancellationToken);
        for (var cue = 0; cue < features.CueCategories.Count; cue++)
        {
            var category = Array.IndexOf(categories, features.CueCategories[cue]);
            if (category >= 0)
            {
                weights[(features.Terms.Count + cue) * classes + category] += (float)options.CueBoost;
            }
        }
        var wordScores = new Dictionary<string, float[]>(table.Count, StringComparer.Ordinal);
        foreach (var (word, vector) in table)
        {
            var scores = new float[classes];
            for (var d = 0; d < dense; d++)
            {
                var row = (features.Count + d) * classes;
                for (var k = 0; k < classes; k++)
                {
                    scores[k] += scale * vector[d] * weights[row + k];
                }
            }
            wordScores[word] = RoutingModel.ToStoredPrecision(scores);
        }
        return new RoutingModel
        {
            Categories = categories,
            Features = new FeatureMap(features.Terms, RoutingModel.ToStoredPrecision(features.Idf), features.CueCategories, features.Languages),
            Weights = RoutingModel.ToStoredPrecision(weights[..(features.Count * classes)]),
            Bias = RoutingModel.ToStoredPrecision(bias),
            WordScores = wordScores,
            Temperature = temperature,
            Info = null!,
        };
    }

    private static float[]? MeanVector(IReadOnlyList<string> terms, IReadOnlyDictionary<string, float[]> table, int dimensions)
    {
        float[]? sum = null;
        var count = 0;
        foreach (var term in terms)
        {
            if (table.TryGetValue(term, out var vector))
            {
                sum ??= new float[dimensions];
                count++;
                for (var d = 0; d < dimensions; d++)
                {
                    sum[d] += vector[d];
                }
            }
        }
        if (sum is not null)
        {
            for (var d = 0; d < dimensions; d++)
            {
                sum[d] /= count;
            }
        }
        return sum;
    }

    private static int Top(float[] values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }
        return best;
    }
}

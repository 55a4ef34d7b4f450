using System.Diagnostics;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>A step of a training run and how far it has got (0–1).</summary>
public sealed record TrainingProgress(string Stage, double Fraction);

/// <summary>
/// Trains a <see cref="RoutingModel"/>: analyse every ticket, hold out a validation share, fit a linear model (the
/// configured <see cref="ClassifierSolver"/>) on TF-IDF n-grams + cue and language features + the mean MiniLM word
/// vector, fit the temperature and measure on the held-out share, then (by default) refit on every ticket with the
/// same settings, mixing scales and temperature.
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

        var parts = Fit(fit.Select(i => analysed[i]).ToList(), fit.Select(i => labels[i]).ToList(), categories, options, progress, "fitting", cancellationToken);
        progress?.Report(new TrainingProgress("calibrating", 0.9));
        var scales = MixingScales(parts, validation.Select(i => (analysed[i], labels[i])).ToList(), options);
        var model = Combine(parts, scales);
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
            model = Combine(Fit(analysed, labels, categories, options, progress, "refitting on all tickets", cancellationToken), scales);
        }
        var info = new ClassifierInfo(DateTimeOffset.UtcNow, source, examples.Count, categories, TrainerName(options.Solver),
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

    private static string TrainerName(ClassifierSolver solver) => solver switch
    {
        ClassifierSolver.AdaGrad => "softmax-regression+minilm-word-vectors",
        ClassifierSolver.Svm => "linear-svm+minilm-word-vectors",
        ClassifierSolver.Logistic => "logistic-regression+minilm-word-vectors",
        ClassifierSolver.SvmAndLogistic => "linear-svm+logistic-regression+minilm-word-vectors",
        _ => "linear-svm+logistic-regression+softmax-regression+minilm-word-vectors",
    };

    /// <summary>One linear model per solver part (one, or two for the SVM + logistic mix), all over the same features.</summary>
    private RoutingModel[] Fit(IReadOnlyList<AnalyzedText> texts, IReadOnlyList<int> labels, string[] categories, ClassifierTrainingOptions options,
        IProgress<TrainingProgress>? progress, string stage, CancellationToken cancellationToken)
    {
        var features = FeatureMap.Build(texts, analyzer.Lexicon.CueCategories, options.MinimumDocuments);
        var words = features.Terms.Keys.Where(t => !t.Contains(' ', StringComparison.Ordinal) && !t.Contains(TicketAnalyzer.LanguageSeparator, StringComparison.Ordinal))
            .Concat(analyzer.Lexicon.EnglishWords).Distinct(StringComparer.Ordinal).ToList();
        var table = vectors.Get(words, (done, total) => progress?.Report(new TrainingProgress($"encoding words {done}/{total}", 0.1 * done / total)), cancellationToken);
        var scale = (float)options.WordVectorScale;
        var examples = new SparseExample[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var (indices, values) = features.Sparse(texts[i]);
            var mean = MeanVector(texts[i].Terms, table, vectors.Dimensions);
            examples[i] = new SparseExample(
                mean is null ? indices : [.. indices, .. Enumerable.Range(features.Count, vectors.Dimensions)],
                mean is null ? values : [.. values, .. mean.Select(v => v * scale)],
                labels[i]);
        }
        ClassifierSolver[] solvers = options.Solver switch
        {
            ClassifierSolver.SvmAndLogistic => [ClassifierSolver.Svm, ClassifierSolver.Logistic],
            ClassifierSolver.SvmLogisticAndAdaGrad => [ClassifierSolver.Svm, ClassifierSolver.Logistic, ClassifierSolver.AdaGrad],
            _ => [options.Solver],
        };
        var parts = new RoutingModel[solvers.Length];
        for (var s = 0; s < solvers.Length; s++)
        {
            var start = 0.1 + 0.8 * s / solvers.Length;
            var share = 0.8 / solvers.Length;
            var (weights, bias) = Solve(examples, features.Count, vectors.Dimensions, categories.Length, solvers[s], options,
                (done, total) => progress?.Report(new TrainingProgress($"{stage}: {Unit(solvers[s])} {done}/{total}", start + share * done / total)), cancellationToken);
            parts[s] = Fold(categories, features, table, weights, bias, options);
        }
        return parts;
    }

    private static string Unit(ClassifierSolver solver) => solver == ClassifierSolver.AdaGrad ? "epoch" : $"{TrainerName(solver).Split('+')[0]} class";

    private static (float[] Weights, float[] Bias) Solve(SparseExample[] examples, int sparse, int dense, int classes, ClassifierSolver solver,
        ClassifierTrainingOptions options, Action<int, int> done, CancellationToken cancellationToken) => solver switch
    {
        ClassifierSolver.AdaGrad => SoftmaxRegression.Fit(examples, sparse + dense, classes, options.Regression, epoch => done(epoch, options.Epochs), cancellationToken),
        ClassifierSolver.Svm => DualCoordinateDescent.Fit(examples, sparse + dense, classes, options.Dual(DualLoss.SquaredHinge, sparse), k => done(k, classes), cancellationToken),
        ClassifierSolver.Logistic => DualCoordinateDescent.Fit(examples, sparse + dense, classes, options.Dual(DualLoss.Logistic, sparse), k => done(k, classes), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(solver), solver, "A mix is fitted part by part."),
    };

    /// <summary>
    /// The sparse weights as they are, the dense word-vector weights folded into each word's class scores, and the
    /// seed-rule boost added to each cue's own category.
    /// </summary>
    private static RoutingModel Fold(string[] categories, FeatureMap features, IReadOnlyDictionary<string, float[]> table, float[] weights, float[] bias,
        ClassifierTrainingOptions options)
    {
        var classes = categories.Length;
        var scale = (float)options.WordVectorScale;
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
            for (var d = 0; d < vector.Length; d++)
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
            Temperature = 1,
            Info = null!,
        };
    }

    /// <summary>
    /// How much of each part goes into the mix: its share divided by its own temperature on the held-out tickets, so
    /// an SVM's margins and a logistic model's log-odds are averaged on one scale. Kept for the refit on all tickets.
    /// </summary>
    private static double[] MixingScales(RoutingModel[] parts, IReadOnlyList<(AnalyzedText Text, int Label)> held, ClassifierTrainingOptions options)
    {
        if (parts.Length == 1)
        {
            return [1];
        }
        var rest = parts.Length == 3 ? 1 - options.AdaGradShare : 1;
        var shares = new[] { rest * options.SvmShare, rest * (1 - options.SvmShare), options.AdaGradShare };
        return parts.Select((part, i) => shares[i] / CalibrationReport.FitTemperature(held.Select(h => (part.Logits(h.Text), h.Label)).ToList())).ToArray();
    }

    /// <summary>Σ scale × part: weights, biases and folded word scores alike (a mix of linear models is one linear model).</summary>
    private static RoutingModel Combine(RoutingModel[] parts, double[] scales)
    {
        if (parts.Length == 1)
        {
            return parts[0];
        }
        var first = parts[0];
        float[] Mix(Func<RoutingModel, float[]> select)
        {
            var sum = new double[select(first).Length];
            for (var p = 0; p < parts.Length; p++)
            {
                var values = select(parts[p]);
                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] += scales[p] * values[i];
                }
            }
            return RoutingModel.ToStoredPrecision(sum.Select(v => (float)v).ToArray());
        }
        return new RoutingModel
        {
            Categories = first.Categories, Features = first.Features, Weights = Mix(m => m.Weights), Bias = Mix(m => m.Bias),
            WordScores = first.WordScores.Keys.ToDictionary(w => w, w => Mix(m => m.WordScores[w]), StringComparer.Ordinal),
            Temperature = 1, Info = null!,
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

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

        var solvers = BaseSolvers(options);
        var parts = Fit(fit.Select(i => analysed[i]).ToList(), fit.Select(i => labels[i]).ToList(), categories, solvers, options, progress, "fitting", cancellationToken);
        progress?.Report(new TrainingProgress("calibrating", 0.9));
        var held = validation.Select(i => (analysed[i], labels[i])).ToList();
        var mixes = Mixes(options).Select(m => Calibrate(m.Solver, m.Languages, solvers, parts, held, options)).ToList();
        var model = Assemble(mixes, parts);
        var outcomes = held.Select(h => (Probabilities: model.Probabilities(h.Item1), Label: h.Item2)).ToList();
        var metrics = held.Count == 0 ? null : ClassifierMetrics.Compute(outcomes.Select(o => (categories[o.Label], categories[Top(o.Probabilities)])));
        var calibration = held.Count == 0 ? null : CalibrationReport.Compute(
            outcomes.Select(o => ((double)o.Probabilities.Max(), Top(o.Probabilities) == o.Label)).ToList(), model.Temperature, threshold);
        var languages = analysed.GroupBy(a => a.Language).ToDictionary(g => g.Key, g => g.Count());

        if (options.RefitOnAll && validation.Length > 0)
        {
            model = Assemble(mixes, Fit(analysed, labels, categories, solvers, options, progress, "refitting on all tickets", cancellationToken));
        }
        var info = new ClassifierInfo(DateTimeOffset.UtcNow, source, examples.Count, categories, TrainerName(options),
            Math.Round(stopwatch.Elapsed.TotalSeconds, 2), metrics, calibration, validation.Length, languages, options.Describe());
        progress?.Report(new TrainingProgress("trained", 1));
        return WithInfo(model, info);
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

    private static string TrainerName(ClassifierTrainingOptions options) => options.SecondSolver is { } other
        ? $"{TrainerName(options.Solver)} | {string.Join('/', ClassifierTrainingOptions.OtherLanguages)}: {TrainerName(other)}"
        : TrainerName(options.Solver);

    private static string TrainerName(ClassifierSolver solver) => solver switch
    {
        ClassifierSolver.AdaGrad => "softmax-regression+minilm-word-vectors",
        ClassifierSolver.Svm => "linear-svm+minilm-word-vectors",
        ClassifierSolver.Logistic => "logistic-regression+minilm-word-vectors",
        ClassifierSolver.SvmAndLogistic => "linear-svm+logistic-regression+minilm-word-vectors",
        _ => "linear-svm+logistic-regression+softmax-regression+minilm-word-vectors",
    };

    /// <summary>One linear model per base solver (AdaGrad, SVM, logistic) that the configured mixes need, all over the same features.</summary>
    private RoutingModel[] Fit(IReadOnlyList<AnalyzedText> texts, IReadOnlyList<int> labels, string[] categories, IReadOnlyList<ClassifierSolver> solvers,
        ClassifierTrainingOptions options, IProgress<TrainingProgress>? progress, string stage, CancellationToken cancellationToken)
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
        var parts = new RoutingModel[solvers.Count];
        for (var s = 0; s < solvers.Count; s++)
        {
            var start = 0.1 + 0.8 * s / solvers.Count;
            var share = 0.8 / solvers.Count;
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

    /// <summary>The base solvers a mix is made of, in the order of its shares (SVM, logistic, AdaGrad).</summary>
    private static ClassifierSolver[] PartsOf(ClassifierSolver solver) => solver switch
    {
        ClassifierSolver.SvmAndLogistic => [ClassifierSolver.Svm, ClassifierSolver.Logistic],
        ClassifierSolver.SvmLogisticAndAdaGrad => [ClassifierSolver.Svm, ClassifierSolver.Logistic, ClassifierSolver.AdaGrad],
        _ => [solver],
    };

    /// <summary>Every base solver the model's weight sets need, each fitted once.</summary>
    private static ClassifierSolver[] BaseSolvers(ClassifierTrainingOptions options) =>
        PartsOf(options.Solver).Concat(options.SecondSolver is { } other ? PartsOf(other) : []).Distinct().ToArray();

    /// <summary>The weight sets: the main one (languages null: English and the rest), then the other languages' if configured.</summary>
    private static IEnumerable<(ClassifierSolver Solver, IReadOnlyList<string>? Languages)> Mixes(ClassifierTrainingOptions options)
    {
        yield return (options.Solver, null);
        if (options.SecondSolver is { } other)
        {
            yield return (other, ClassifierTrainingOptions.OtherLanguages);
        }
    }

    /// <summary>One weight set's mixing scales and temperature, measured on the held-out tickets; kept for the refit on all tickets.</summary>
    private sealed record Mix(IReadOnlyList<string>? Languages, int[] Parts, double[] Scales, float Temperature);

    private static Mix Calibrate(ClassifierSolver solver, IReadOnlyList<string>? languages, ClassifierSolver[] solvers, RoutingModel[] parts,
        IReadOnlyList<(AnalyzedText Text, int Label)> held, ClassifierTrainingOptions options)
    {
        var indices = PartsOf(solver).Select(p => Array.IndexOf(solvers, p)).ToArray();
        var own = indices.Select(i => parts[i]).ToArray();
        var scales = MixingScales(own, held, options);
        var mixed = Combine(own, scales);
        // Fitted on every held-out ticket (those of the data set are English) as if this weight set read them all.
        var temperature = (float)CalibrationReport.FitTemperature(held.Select(h => (mixed.Logits(h.Text), h.Label)).ToList());
        return new Mix(languages, indices, scales, temperature);
    }

    /// <summary>The model: the main weight set, and a <see cref="LanguageHead"/> per other one.</summary>
    private static RoutingModel Assemble(IReadOnlyList<Mix> mixes, RoutingModel[] parts)
    {
        RoutingModel Build(Mix mix)
        {
            var mixed = Combine(mix.Parts.Select(i => parts[i]).ToArray(), mix.Scales);
            return new RoutingModel
            {
                Categories = mixed.Categories, Features = mixed.Features, Weights = mixed.Weights, Bias = mixed.Bias,
                WordScores = mixed.WordScores, Temperature = mix.Temperature, Info = null!,
            };
        }
        var main = Build(mixes[0]);
        return new RoutingModel
        {
            Categories = main.Categories, Features = main.Features, Weights = main.Weights, Bias = main.Bias, WordScores = main.WordScores,
            Temperature = main.Temperature, Info = null!,
            LanguageHeads = mixes.Skip(1).Select(m => new LanguageHead(m.Languages!, Build(m))).ToArray(),
        };
    }

    private static RoutingModel WithInfo(RoutingModel model, ClassifierInfo info) => new()
    {
        Categories = model.Categories, Features = model.Features, Weights = model.Weights, Bias = model.Bias, WordScores = model.WordScores,
        Temperature = model.Temperature, Info = info,
        LanguageHeads = model.LanguageHeads.Select(h => new LanguageHead(h.Languages, WithInfo(h.Model, info))).ToArray(),
    };

    /// <summary>
    /// How much of each part goes into the mix: its share divided by its own temperature on the held-out tickets, so
    /// an SVM's margins and a logistic model's log-odds are averaged on one scale.
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

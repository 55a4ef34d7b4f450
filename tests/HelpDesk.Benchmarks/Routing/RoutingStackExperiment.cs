using System.Diagnostics;
using HelpDesk.Routing.Infrastructure.Classification;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HelpDesk.Benchmarks.Routing;

/// <summary>
/// Figures only (<c>routing-accuracy --stack "A;B;…"</c>): does a second-level model on several linear models'
/// calibrated scores beat their plain average? The base models are fitted on the fitting share of train.csv (85 %);
/// every second-level model is cross-validated (5 folds) on the 15 % validation share, so test.csv is not touched.
/// Second levels: softmax regression on the log-probabilities (a learnt weighting), and LightGBM trees on the
/// probabilities plus a few dense features (ticket length, words glossed, language), which can learn interactions.
/// </summary>
internal static class RoutingStackExperiment
{
    private const int Folds = 5;

    public static void Run(ModelTrainer trainer, TicketAnalyzer analyzer, List<LabelledTicket> train, IReadOnlyList<ClassifierTrainingOptions> bases,
        double threshold, CancellationToken cancellationToken)
    {
        var models = new List<RoutingModel>();
        foreach (var options in bases)
        {
            options.RefitOnAll = false;
            var stopwatch = Stopwatch.StartNew();
            var model = trainer.Train(train, options, "stack", threshold, null, cancellationToken);
            Console.WriteLine($"  base {models.Count}: {options.Describe()}: validation accuracy {model.Info.Validation!.Accuracy:0.0000} ({stopwatch.Elapsed.TotalSeconds:0} s)");
            models.Add(model);
        }
        var held = ModelTrainer.Split(train.Count, bases[0].ValidationFraction, bases[0].Seed).Validation;
        var categories = models[0].Categories;
        var texts = held.Select(i => analyzer.Analyze(train[i].Text, train[i].Language)).ToList();
        var labels = held.Select(i => Array.IndexOf(categories, train[i].Category)).ToArray();
        // [ticket][model × category]: calibrated log-probabilities of every base model.
        var logs = texts.Select(t => models.SelectMany(m => m.Probabilities(t).Select(p => MathF.Log(MathF.Max(p, 1e-6f)))).ToArray()).ToArray();
        var dense = texts.Select(t => new[] { MathF.Log(1 + t.Terms.Count), t.Translated, LanguageIdentifier.Supported.ToList().IndexOf(t.Language) }).ToArray();
        var fold = Enumerable.Range(0, held.Length).ToArray();
        new Random(1).Shuffle(fold);
        var foldOf = new int[held.Length];
        for (var i = 0; i < fold.Length; i++)
        {
            foldOf[fold[i]] = i % Folds;
        }
        var k = categories.Length;
        for (var m = 0; m < models.Count; m++)
        {
            Console.WriteLine($"  base {m} alone: {Accuracy(labels, i => Top(logs[i].AsSpan(m * k, k))):0.0000}");
        }
        Console.WriteLine($"  average of all {models.Count} (log-probabilities): {Accuracy(labels, i => Top(Sum(logs[i], models.Count, k))):0.0000}");

        var softmax = new int[held.Length];
        var trees = new int[held.Length];
        for (var f = 0; f < Folds; f++)
        {
            var fit = Enumerable.Range(0, held.Length).Where(i => foldOf[i] != f).ToArray();
            var test = Enumerable.Range(0, held.Length).Where(i => foldOf[i] == f).ToArray();
            var examples = fit.Select(i => new SparseExample(Enumerable.Range(0, logs[i].Length).ToArray(), logs[i], labels[i])).ToList();
            var (weights, bias) = SoftmaxRegression.Fit(examples, logs[0].Length, k, new SoftmaxRegressionOptions { Epochs = 30, LearningRate = 0.05, L2 = 1e-4, Seed = 1 },
                cancellationToken: cancellationToken);
            var scores = new float[k];
            foreach (var i in test)
            {
                SoftmaxRegression.Scores(Enumerable.Range(0, logs[i].Length).ToArray(), logs[i], weights, bias, k, scores);
                softmax[i] = Top(scores);
            }
            foreach (var (i, top) in Trees(fit, test, logs, dense, labels, k))
            {
                trees[i] = top;
            }
        }
        Console.WriteLine($"  softmax regression on the log-probabilities, {Folds}-fold CV on validation: {Accuracy(labels, i => softmax[i]):0.0000}");
        Console.WriteLine($"  LightGBM on probabilities + length/glossed/language, {Folds}-fold CV on validation: {Accuracy(labels, i => trees[i]):0.0000}");
    }

    public sealed class Row
    {
        public float[] Features { get; set; } = [];

        public uint Label { get; set; }
    }

    public sealed class Scored
    {
        public uint PredictedLabel { get; set; }
    }

    /// <summary>LightGBM multiclass on the fold's fitting rows; labels are keys 1…k given directly (0 is "missing"), read back the same way.</summary>
    private static IEnumerable<(int Ticket, int Top)> Trees(int[] fit, int[] test, float[][] logs, float[][] dense, int[] labels, int k)
    {
        var ml = new MLContext(seed: 1);
        var width = logs[0].Length + dense[0].Length;
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), k);
        Row ToRow(int i) => new() { Features = [.. logs[i].Select(MathF.Exp), .. dense[i]], Label = (uint)labels[i] + 1 };
        var trainer = ml.MulticlassClassification.Trainers.LightGbm(new Microsoft.ML.Trainers.LightGbm.LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = nameof(Row.Label), FeatureColumnName = nameof(Row.Features), NumberOfLeaves = 15, NumberOfIterations = 200,
            LearningRate = 0.05, MinimumExampleCountPerLeaf = 20, NumberOfThreads = 1, Seed = 1,
        });
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(fit.Select(ToRow), schema));
        var predictions = model.Transform(ml.Data.LoadFromEnumerable(test.Select(ToRow), schema));
        var scored = ml.Data.CreateEnumerable<Scored>(predictions, reuseRowObject: false).ToList();
        var fitted = ml.Data.CreateEnumerable<Scored>(model.Transform(ml.Data.LoadFromEnumerable(fit.Select(ToRow), schema)), reuseRowObject: false).ToList();
        // A check of the label mapping: trees fit their own rows far better than chance.
        Console.WriteLine($"    LightGBM fold: accuracy on its own fitting rows {fit.Select((ticket, n) => (int)fitted[n].PredictedLabel - 1 == labels[ticket] ? 1.0 : 0.0).Average():0.0000}");
        return test.Select((ticket, n) => (ticket, (int)scored[n].PredictedLabel - 1));
    }

    private static float[] Sum(float[] logs, int models, int k)
    {
        var sum = new float[k];
        for (var m = 0; m < models; m++)
        {
            for (var c = 0; c < k; c++)
            {
                sum[c] += logs[m * k + c];
            }
        }
        return sum;
    }

    private static double Accuracy(int[] labels, Func<int, int> predicted) =>
        Enumerable.Range(0, labels.Length).Average(i => predicted(i) == labels[i] ? 1.0 : 0.0);

    private static int Top(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var c = 1; c < values.Length; c++)
        {
            if (values[c] > values[best])
            {
                best = c;
            }
        }
        return best;
    }
}

using System.Diagnostics;
using HelpDesk.Routing.Infrastructure.Classification;

namespace HelpDesk.Benchmarks.Routing;

/// <summary>
/// Figures only (<c>routing-accuracy --stack "A;B;…"</c>): does a second-level model on several linear models'
/// calibrated scores beat their plain average? The base models are fitted on the fitting share of train.csv (85 %);
/// every second-level model is cross-validated (5 folds) on the 15 % validation share, so test.csv is not touched.
/// The second level is a softmax regression on the log-probabilities (a learnt weighting of the parts). A LightGBM
/// second level was tried and removed: its ML.NET key-typed labels came out shifted (accuracy 0.005 on its own
/// fitting rows), and the softmax second level already said that a second level does not beat the plain mix.
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
        }
        Console.WriteLine($"  softmax regression on the log-probabilities, {Folds}-fold CV on validation: {Accuracy(labels, i => softmax[i]):0.0000}");
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

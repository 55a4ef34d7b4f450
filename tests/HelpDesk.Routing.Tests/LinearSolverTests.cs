using HelpDesk.Routing.Infrastructure.Classification;

namespace HelpDesk.Routing.Tests;

/// <summary>
/// The dual coordinate descent solvers reach the optimum of their primal problems: at the returned weights the
/// gradient of ½‖w‖² + C Σ loss is (almost) zero, for every one-vs-rest class of a noisy synthetic problem.
/// </summary>
public sealed class LinearSolverTests
{
    private const int Features = 12;
    private const int Classes = 3;
    private const double Cost = 0.7;

    [Theory]
    [InlineData(DualLoss.SquaredHinge)]
    [InlineData(DualLoss.Logistic)]
    public void Each_class_weights_are_the_minimum_of_the_regularised_loss(DualLoss loss)
    {
        var examples = Problem();
        var options = new DualCoordinateDescentOptions { Loss = loss, Cost = Cost, Tolerance = 1e-6, MaxIterations = 5000 };

        var (weights, bias) = DualCoordinateDescent.Fit(examples, Features, Classes, options, cancellationToken: TestContext.Current.CancellationToken);

        for (var k = 0; k < Classes; k++)
        {
            var w = Enumerable.Range(0, Features).Select(f => (double)weights[f * Classes + k]).Append(bias[k]).ToArray();
            var atSolution = GradientNorm(examples, k, w, loss);
            var atZero = GradientNorm(examples, k, new double[Features + 1], loss);
            Assert.True(atSolution < 1e-3 * atZero, $"class {k}: gradient {atSolution} at the solution, {atZero} at zero");
        }
        // Most training examples are classified right by the highest one-vs-rest score (the labels carry 10 % noise).
        var correct = examples.Count(e => Top(e, weights, bias) == e.Label);
        Assert.True(correct >= 0.8 * examples.Count, $"{correct}/{examples.Count} right");
    }

    [Fact]
    public void The_same_data_and_seed_give_the_same_weights_and_naive_Bayes_scaling_changes_them()
    {
        var plain = new DualCoordinateDescentOptions { Loss = DualLoss.SquaredHinge };
        var scaled = new DualCoordinateDescentOptions { Loss = DualLoss.SquaredHinge, NaiveBayesScaled = Features };

        Assert.Equal(Fit(plain), Fit(plain));
        Assert.Equal(Fit(scaled), Fit(scaled));
        Assert.NotEqual(Fit(plain), Fit(scaled));
    }

    private static float[] Fit(DualCoordinateDescentOptions options) =>
        DualCoordinateDescent.Fit(Problem(), Features, Classes, options, cancellationToken: TestContext.Current.CancellationToken).Weights;

    /// <summary>300 sparse non-negative examples labelled by the largest of three random linear scores, 10 % of labels flipped.</summary>
    private static List<SparseExample> Problem()
    {
        var random = new Random(7);
        var truth = Enumerable.Range(0, Features * Classes).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var examples = new List<SparseExample>();
        for (var i = 0; i < 300; i++)
        {
            var indices = Enumerable.Range(0, Features).Where(_ => random.NextDouble() < 0.4).ToArray();
            var values = indices.Select(_ => (float)random.NextDouble()).ToArray();
            var scores = new double[Classes];
            for (var n = 0; n < indices.Length; n++)
            {
                for (var k = 0; k < Classes; k++)
                {
                    scores[k] += truth[indices[n] * Classes + k] * values[n];
                }
            }
            var label = random.NextDouble() < 0.1 ? random.Next(Classes) : Array.IndexOf(scores, scores.Max());
            examples.Add(new SparseExample(indices, values, label));
        }
        return examples;
    }

    /// <summary>‖∇‖ of the primal ½‖w‖² + C Σ loss(y wᵀx) for class <paramref name="k"/> against the rest; the bias is the last weight (feature value 1).</summary>
    private static double GradientNorm(List<SparseExample> examples, int k, double[] w, DualLoss loss)
    {
        var gradient = (double[])w.Clone();
        foreach (var example in examples)
        {
            var y = example.Label == k ? 1.0 : -1.0;
            var margin = w[Features];
            for (var n = 0; n < example.Indices.Length; n++)
            {
                margin += w[example.Indices[n]] * example.Values[n];
            }
            // d loss / d (wᵀx), times y: squared hinge −2 max(0, 1 − y m) y; logistic −σ(−y m) y.
            var factor = loss == DualLoss.SquaredHinge ? -2 * Math.Max(0, 1 - y * margin) * y : -y / (1 + Math.Exp(y * margin));
            for (var n = 0; n < example.Indices.Length; n++)
            {
                gradient[example.Indices[n]] += Cost * factor * example.Values[n];
            }
            gradient[Features] += Cost * factor;
        }
        return Math.Sqrt(gradient.Sum(g => g * g));
    }

    private static int Top(SparseExample example, float[] weights, float[] bias)
    {
        var scores = (float[])bias.Clone();
        for (var n = 0; n < example.Indices.Length; n++)
        {
            for (var k = 0; k < Classes; k++)
            {
                scores[k] += weights[example.Indices[n] * Classes + k] * example.Values[n];
            }
        }
        return Array.IndexOf(scores, scores.Max());
    }
}

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>One example as sparse features: parallel arrays of feature indices and values, and its class.</summary>
public readonly record struct SparseExample(int[] Indices, float[] Values, int Label);

public sealed class SoftmaxRegressionOptions
{
    public int Epochs { get; set; } = 12;

    public double LearningRate { get; set; } = 0.2;

    /// <summary>L2 penalty applied to every weight an example touches.</summary>
    public double L2 { get; set; } = 1e-5;

    public int Seed { get; set; } = 1;
}

/// <summary>
/// Multinomial logistic regression trained by AdaGrad over shuffled examples. Single-threaded with a seeded order, so
/// the same data and options always give the same weights (the default model's reproducibility rests on it).
/// </summary>
public static class SoftmaxRegression
{
    /// <summary>Returns weights [feature × class] and biases [class].</summary>
    public static (float[] Weights, float[] Bias) Fit(
        IReadOnlyList<SparseExample> examples, int features, int classes, SoftmaxRegressionOptions options,
        Action<int>? epochDone = null, CancellationToken cancellationToken = default)
    {
        var weights = new float[features * classes];
        var squared = new float[features * classes];
        var bias = new float[classes];
        var biasSquared = new float[classes];
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(options.Seed);
        var rate = (float)options.LearningRate;
        var l2 = (float)options.L2;
        var probabilities = new float[classes];
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            foreach (var index in order)
            {
                var example = examples[index];
                Scores(example.Indices, example.Values, weights, bias, classes, probabilities);
                Softmax(probabilities, 1f);
                probabilities[example.Label] -= 1f; // now the gradient of the loss with respect to each logit
                for (var n = 0; n < example.Indices.Length; n++)
                {
                    var row = example.Indices[n] * classes;
                    var x = example.Values[n];
                    for (var k = 0; k < classes; k++)
                    {
                        var g = probabilities[k] * x + l2 * weights[row + k];
                        squared[row + k] += g * g;
                        weights[row + k] -= rate * g / (MathF.Sqrt(squared[row + k]) + 1e-6f);
                    }
                }
                for (var k = 0; k < classes; k++)
                {
                    biasSquared[k] += probabilities[k] * probabilities[k];
                    bias[k] -= rate * probabilities[k] / (MathF.Sqrt(biasSquared[k]) + 1e-6f);
                }
            }
            epochDone?.Invoke(epoch + 1);
        }
        return (weights, bias);
    }

    /// <summary>Logits of one example into <paramref name="scores"/>.</summary>
    public static void Scores(int[] indices, float[] values, float[] weights, float[] bias, int classes, float[] scores)
    {
        Array.Copy(bias, scores, classes);
        for (var n = 0; n < indices.Length; n++)
        {
            var row = indices[n] * classes;
            var x = values[n];
            for (var k = 0; k < classes; k++)
            {
                scores[k] += weights[row + k] * x;
            }
        }
    }

    /// <summary>In-place softmax of <paramref name="logits"/> divided by <paramref name="temperature"/>.</summary>
    public static void Softmax(float[] logits, float temperature)
    {
        var max = float.NegativeInfinity;
        foreach (var l in logits)
        {
            max = Math.Max(max, l);
        }
        var sum = 0f;
        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] = MathF.Exp((logits[k] - max) / temperature);
            sum += logits[k];
        }
        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] /= sum;
        }
    }
}

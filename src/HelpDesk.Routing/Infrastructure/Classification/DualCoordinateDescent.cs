namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// One-vs-rest linear classifiers fitted by dual coordinate descent, as LIBLINEAR does it: the squared-hinge SVM with
/// shrinking (Hsieh et al., ICML 2008, algorithm 3) and logistic regression with a Newton step per coordinate (Yu et
/// al., MLJ 2010, algorithm 5). Each class's problem is solved on one thread in a seeded order, so the same data and
/// options always give the same weights (the shipped model's reproducibility rests on it).
/// </summary>
public static class DualCoordinateDescent
{
    /// <summary>Returns weights [feature × class] and biases [class]: the decision value of each class against the rest.</summary>
    public static (float[] Weights, float[] Bias) Fit(IReadOnlyList<SparseExample> examples, int features, int classes,
        DualCoordinateDescentOptions options, Action<int>? classDone = null, CancellationToken cancellationToken = default)
    {
        var weights = new float[features * classes];
        var bias = new float[classes];
        for (var k = 0; k < classes; k++)
        {
            var scale = options.NaiveBayesScaled > 0 ? LogCountRatios(examples, k, features, options.NaiveBayesScaled) : null;
            var problem = new Problem(examples, k, features, options.BiasFeature, scale);
            var norms = problem.SquaredNorms();
            var random = new Random(options.Seed + k);
            if (options.Loss == DualLoss.SquaredHinge)
            {
                SolveSquaredHinge(problem, norms, options, random, cancellationToken);
            }
            else
            {
                SolveLogistic(problem, norms, options, random, cancellationToken);
            }
            for (var f = 0; f < features; f++)
            {
                weights[f * classes + k] = (float)(problem.W[f] * (scale?[f] ?? 1));
            }
            bias[k] = (float)(problem.BiasWeight * options.BiasFeature);
            classDone?.Invoke(k + 1);
        }
        return (weights, bias);
    }

    /// <summary>min ½αᵀ(Q + D)α − eᵀα, α ≥ 0, D = I/(2C); inactive coordinates are shrunk away until convergence is checked on all.</summary>
    private static void SolveSquaredHinge(Problem p, double[] norms, DualCoordinateDescentOptions options, Random random, CancellationToken cancellationToken)
    {
        var count = p.Y.Length;
        var diagonal = 0.5 / options.Cost;
        var alpha = new double[count];
        var index = Enumerable.Range(0, count).ToArray();
        var active = count;
        double maxOld = double.PositiveInfinity, minOld = double.NegativeInfinity;
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double maxNew = double.NegativeInfinity, minNew = double.PositiveInfinity;
            Shuffle(index, active, random);
            for (var s = 0; s < active; s++)
            {
                var i = index[s];
                var gradient = p.Y[i] * p.Dot(i) - 1 + alpha[i] * diagonal;
                var projected = gradient;
                if (alpha[i] == 0)
                {
                    if (gradient > maxOld)
                    {
                        active--;
                        (index[s], index[active]) = (index[active], index[s]);
                        s--;
                        continue;
                    }
                    projected = Math.Min(gradient, 0);
                }
                maxNew = Math.Max(maxNew, projected);
                minNew = Math.Min(minNew, projected);
                if (Math.Abs(projected) > 1e-12)
                {
                    var old = alpha[i];
                    alpha[i] = Math.Max(old - gradient / (norms[i] + diagonal), 0);
                    p.Add(i, (alpha[i] - old) * p.Y[i]);
                }
            }
            if (maxNew - minNew <= options.Tolerance && Math.Abs(maxNew) <= options.Tolerance && Math.Abs(minNew) <= options.Tolerance)
            {
                if (active == count)
                {
                    return;
                }
                // Converged on the shrunk set: check once more on every coordinate.
                active = count;
                (maxOld, minOld) = (double.PositiveInfinity, double.NegativeInfinity);
                continue;
            }
            maxOld = maxNew <= 0 ? double.PositiveInfinity : maxNew;
            minOld = minNew >= 0 ? double.NegativeInfinity : minNew;
        }
    }

    /// <summary>min ½αᵀQα + Σ α log α + (C − α) log(C − α), 0 &lt; α &lt; C; each coordinate by a damped Newton method.</summary>
    private static void SolveLogistic(Problem p, double[] norms, DualCoordinateDescentOptions options, Random random, CancellationToken cancellationToken)
    {
        var count = p.Y.Length;
        var cost = options.Cost;
        var alpha = new double[2 * count]; // α_i and C − α_i, kept apart for precision near the bounds
        for (var i = 0; i < count; i++)
        {
            alpha[2 * i] = Math.Min(0.001 * cost, 1e-8);
            alpha[2 * i + 1] = cost - alpha[2 * i];
            p.Add(i, p.Y[i] * alpha[2 * i]);
        }
        var index = Enumerable.Range(0, count).ToArray();
        var innerTolerance = 1e-2;
        var innerMinimum = Math.Min(1e-8, options.Tolerance);
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Shuffle(index, count, random);
            var newtonSteps = 0;
            var gradientMax = 0.0;
            foreach (var i in index)
            {
                var (steps, gradient) = NewtonCoordinate(p, i, norms[i], cost, alpha, innerTolerance);
                newtonSteps += steps;
                gradientMax = Math.Max(gradientMax, Math.Abs(gradient));
            }
            if (gradientMax < options.Tolerance)
            {
                return;
            }
            if (newtonSteps <= count / 10)
            {
                innerTolerance = Math.Max(innerMinimum, 0.1 * innerTolerance);
            }
        }
    }

    /// <summary>One coordinate of the logistic dual: returns the Newton steps taken and the gradient before them.</summary>
    private static (int Steps, double Gradient) NewtonCoordinate(Problem p, int i, double a, double cost, double[] alpha, double innerTolerance)
    {
        var b = p.Y[i] * p.Dot(i);
        int first = 2 * i, second = 2 * i + 1, sign = 1;
        if (0.5 * a * (alpha[second] - alpha[first]) + b < 0)
        {
            (first, second, sign) = (2 * i + 1, 2 * i, -1);
        }
        var old = alpha[first];
        var z = cost - old < 0.5 * cost ? 0.1 * old : old;
        var gradient = a * (z - old) + sign * b + Math.Log(z / (cost - z));
        var initial = gradient;
        var steps = 0;
        while (steps <= 100 && Math.Abs(gradient) >= innerTolerance)
        {
            var next = z - gradient / (a + cost / (cost - z) / z);
            z = next <= 0 ? z * 0.1 : next;
            gradient = a * (z - old) + sign * b + Math.Log(z / (cost - z));
            steps++;
        }
        if (steps > 0)
        {
            alpha[first] = z;
            alpha[second] = cost - z;
            p.Add(i, sign * (z - old) * p.Y[i]);
        }
        return (steps, initial);
    }

    /// <summary>
    /// log((df⁺ + 1) / Σ(df⁺ + 1)) − log((df⁻ + 1) / Σ(df⁻ + 1)) for each of the first <paramref name="scaled"/>
    /// features, from the number of the class's (df⁺) and the other tickets (df⁻) that have it; 1 for the rest.
    /// </summary>
    private static double[] LogCountRatios(IReadOnlyList<SparseExample> examples, int positive, int features, int scaled)
    {
        var inClass = new double[scaled];
        var outside = new double[scaled];
        foreach (var example in examples)
        {
            var counts = example.Label == positive ? inClass : outside;
            for (var n = 0; n < example.Indices.Length; n++)
            {
                if (example.Indices[n] < scaled && example.Values[n] > 0)
                {
                    counts[example.Indices[n]]++;
                }
            }
        }
        double inTotal = scaled, outTotal = scaled;
        for (var f = 0; f < scaled; f++)
        {
            inTotal += inClass[f];
            outTotal += outside[f];
        }
        var ratios = new double[features];
        Array.Fill(ratios, 1.0);
        for (var f = 0; f < scaled; f++)
        {
            ratios[f] = Math.Log((inClass[f] + 1) / inTotal) - Math.Log((outside[f] + 1) / outTotal);
        }
        return ratios;
    }

    private static void Shuffle(int[] index, int count, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, count);
            (index[i], index[j]) = (index[j], index[i]);
        }
    }

    /// <summary>
    /// One class against the rest: labels ±1 and the primal weights w = Σ α_i y_i x̃_i kept up to date, where x̃ is x
    /// scaled feature by feature (naive Bayes ratios) or x itself.
    /// </summary>
    private sealed class Problem(IReadOnlyList<SparseExample> examples, int positive, int features, double biasFeature, double[]? scale)
    {
        public int[] Y { get; } = examples.Select(e => e.Label == positive ? 1 : -1).ToArray();

        public double[] W { get; } = new double[features];

        public double BiasWeight { get; private set; }

        /// <summary>‖x̃_i‖² with the constant bias feature: the diagonal of Q.</summary>
        public double[] SquaredNorms()
        {
            var norms = new double[examples.Count];
            for (var i = 0; i < norms.Length; i++)
            {
                var example = examples[i];
                var sum = biasFeature * biasFeature;
                for (var n = 0; n < example.Indices.Length; n++)
                {
                    var value = Value(example, n);
                    sum += value * value;
                }
                norms[i] = sum;
            }
            return norms;
        }

        public double Dot(int i)
        {
            var example = examples[i];
            var sum = BiasWeight * biasFeature;
            for (var n = 0; n < example.Indices.Length; n++)
            {
                sum += W[example.Indices[n]] * Value(example, n);
            }
            return sum;
        }

        public void Add(int i, double step)
        {
            var example = examples[i];
            for (var n = 0; n < example.Indices.Length; n++)
            {
                W[example.Indices[n]] += step * Value(example, n);
            }
            BiasWeight += step * biasFeature;
        }

        private double Value(SparseExample example, int n) =>
            scale is null ? example.Values[n] : example.Values[n] * scale[example.Indices[n]];
    }
}

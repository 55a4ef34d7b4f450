namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// How far confidences can be trusted, measured on held-out tickets: the fitted temperature, the expected calibration
/// error (10 equal-width bins of top-class confidence) and what the configured threshold lets the model decide.
/// </summary>
public sealed record CalibrationReport(double Temperature, double ExpectedCalibrationError, double Threshold, double Coverage, double AccuracyAtThreshold)
{
    public static CalibrationReport Compute(IReadOnlyList<(double Confidence, bool Correct)> outcomes, double temperature, double threshold)
    {
        if (outcomes.Count == 0)
        {
            return new CalibrationReport(temperature, 0, threshold, 0, 0);
        }
        var error = 0.0;
        foreach (var bin in outcomes.GroupBy(o => Math.Min(9, (int)(o.Confidence * 10))))
        {
            var confidence = bin.Average(o => o.Confidence);
            var accuracy = bin.Average(o => o.Correct ? 1.0 : 0.0);
            error += Math.Abs(accuracy - confidence) * bin.Count() / outcomes.Count;
        }
        var decided = outcomes.Where(o => o.Confidence >= threshold).ToList();
        return new CalibrationReport(Math.Round(temperature, 4), Math.Round(error, 4), threshold,
            Math.Round((double)decided.Count / outcomes.Count, 4),
            decided.Count == 0 ? 0 : Math.Round(decided.Average(o => o.Correct ? 1.0 : 0.0), 4));
    }

    /// <summary>The temperature that minimises the negative log-likelihood of the true categories (golden-section search on log T).</summary>
    public static double FitTemperature(IReadOnlyList<(float[] Logits, int Label)> examples)
    {
        if (examples.Count == 0)
        {
            return 1;
        }
        double Loss(double logTemperature)
        {
            var temperature = (float)Math.Exp(logTemperature);
            var loss = 0.0;
            var buffer = new float[examples[0].Logits.Length];
            foreach (var (logits, label) in examples)
            {
                Array.Copy(logits, buffer, logits.Length);
                SoftmaxRegression.Softmax(buffer, temperature);
                loss -= Math.Log(Math.Max(buffer[label], 1e-12));
            }
            return loss;
        }
        double low = Math.Log(0.05), high = Math.Log(20);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        for (var i = 0; i < 60; i++)
        {
            var a = high - ratio * (high - low);
            var b = low + ratio * (high - low);
            if (Loss(a) < Loss(b))
            {
                high = b;
            }
            else
            {
                low = a;
            }
        }
        return Math.Exp((low + high) / 2);
    }
}

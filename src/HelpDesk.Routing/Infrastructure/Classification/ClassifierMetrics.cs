namespace HelpDesk.Routing.Infrastructure.Classification;

public sealed record ClassMetrics(string Category, int Support, double Precision, double Recall, double F1);

/// <summary>Accuracy and F1 scores from (actual, predicted) pairs.</summary>
public sealed record ClassifierMetrics(int Count, double Accuracy, double MacroF1, double WeightedF1, IReadOnlyList<ClassMetrics> PerClass)
{
    public static ClassifierMetrics Compute(IEnumerable<(string Actual, string Predicted)> outcomes)
    {
        var pairs = outcomes.ToList();
        var categories = pairs.Select(p => p.Actual).Concat(pairs.Select(p => p.Predicted)).Distinct().Order(StringComparer.Ordinal).ToList();
        var perClass = new List<ClassMetrics>();
        foreach (var category in categories)
        {
            var truePositives = pairs.Count(p => p.Actual == category && p.Predicted == category);
            var predicted = pairs.Count(p => p.Predicted == category);
            var support = pairs.Count(p => p.Actual == category);
            var precision = predicted == 0 ? 0 : (double)truePositives / predicted;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(category, support, Math.Round(precision, 4), Math.Round(recall, 4), Math.Round(f1, 4)));
        }
        var withSupport = perClass.Where(c => c.Support > 0).ToList();
        var accuracy = pairs.Count == 0 ? 0 : (double)pairs.Count(p => p.Actual == p.Predicted) / pairs.Count;
        var macroF1 = withSupport.Count == 0 ? 0 : withSupport.Average(c => c.F1);
        var weightedF1 = pairs.Count == 0 ? 0 : withSupport.Sum(c => c.F1 * c.Support) / pairs.Count;
        return new ClassifierMetrics(pairs.Count, Math.Round(accuracy, 4), Math.Round(macroF1, 4), Math.Round(weightedF1, 4), perClass);
    }
}

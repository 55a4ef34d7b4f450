namespace HelpDesk.Routing.Api;

public sealed record DurationFigures(int Count, double? Average, double? P50, double? P90)
{
    public static DurationFigures Of(IReadOnlyCollection<double> minutes)
    {
        if (minutes.Count == 0)
        {
            return new(0, null, null, null);
        }
        var sorted = minutes.Order().ToArray();
        double Rank(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new(sorted.Length, Math.Round(sorted.Average(), 2), Math.Round(Rank(0.5), 2), Math.Round(Rank(0.9), 2));
    }
}

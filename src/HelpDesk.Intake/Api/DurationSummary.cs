namespace HelpDesk.Intake.Api;

/// <summary>Wall-clock minutes (business-hours figures come from the SLA service's metrics): count, mean, p50, p90.</summary>
public sealed record DurationSummary(int Count, double? AverageMinutes, double? P50Minutes, double? P90Minutes)
{
    public static DurationSummary Of(IEnumerable<double> minutes)
    {
        var sorted = minutes.Order().ToList();
        return sorted.Count == 0
            ? new DurationSummary(0, null, null, null)
            : new DurationSummary(sorted.Count, Math.Round(sorted.Average(), 2), NearestRank(sorted, 0.5), NearestRank(sorted, 0.9));
    }

    /// <summary>Nearest-rank percentile of sorted values: always a value that was observed.</summary>
    private static double NearestRank(List<double> sorted, double p) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 2);
}

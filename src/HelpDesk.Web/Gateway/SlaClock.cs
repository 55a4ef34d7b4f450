namespace HelpDesk.Web.Gateway;

public sealed record SlaClock(
    string Metric, string Policy, string Calendar, TimeSpan Target, string Status, DateTimeOffset StartedAt, DateTimeOffset? DueAt,
    TimeSpan ElapsedBusinessTime, TimeSpan PausedTime, double PercentUsed, bool Breached, DateTimeOffset? CompletedAt, IReadOnlyList<int> WarningThresholds)
{
    /// <summary>breached, warning (past the first warning threshold) or ok.</summary>
    public string Risk => Breached ? SlaRisk.Breached
        : Status == "Running" && WarningThresholds.Count > 0 && PercentUsed >= WarningThresholds.Min() ? SlaRisk.Warning
        : SlaRisk.Ok;
}

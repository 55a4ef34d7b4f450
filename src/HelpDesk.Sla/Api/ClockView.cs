namespace HelpDesk.Sla.Api;

public sealed record ClockView(
    SlaMetric Metric,
    string Policy,
    string Calendar,
    TimeSpan Target,
    ClockStatus Status,
    int Cycle,
    DateTimeOffset StartedAt,
    DateTimeOffset? DueAt,
    TimeSpan ElapsedBusinessTime,
    TimeSpan PausedTime,
    double PercentUsed,
    bool Breached,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? NextDueAt,
    int? NextThreshold,
    IReadOnlyList<int> WarningThresholds);

namespace HelpDesk.Web.Gateway;

/// <summary>Minutes: how many were measured, mean, p50, p90 (intake: wall clock; SLA: business time).</summary>
public sealed record DurationSummary(int Count, double? AverageMinutes, double? P50Minutes, double? P90Minutes);

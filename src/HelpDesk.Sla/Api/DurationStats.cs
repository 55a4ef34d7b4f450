namespace HelpDesk.Sla.Api;

/// <summary>Durations in minutes: business time on the clock's calendar (what targets measure).</summary>
public sealed record DurationStats(int Count, double? AverageMinutes, double? P50Minutes, double? P90Minutes);

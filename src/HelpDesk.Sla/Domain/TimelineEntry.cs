namespace HelpDesk.Sla.Domain;

/// <summary>One explained step in a ticket's SLA history.</summary>
public sealed record TimelineEntry(DateTimeOffset At, TimelineKind Kind, SlaMetric? Metric, string Reason, string? Policy = null);

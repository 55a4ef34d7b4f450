namespace HelpDesk.Web.Gateway;

public sealed record SlaTimelineEntry(DateTimeOffset At, string Kind, string? Metric, string Reason, string? Policy);

namespace HelpDesk.Contracts;

public enum SlaMetric { FirstResponse, Resolution, NextUpdate }

public sealed record SlaWarningRaised(
    Guid TicketId,
    string TicketNumber,
    string Policy,
    SlaMetric Metric,
    int ThresholdPercent,
    DateTimeOffset DueAt,
    DateTimeOffset RaisedAt,
    string? Queue = null,
    string? AssigneeId = null) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => RaisedAt;
}

public sealed record SlaBreached(
    Guid TicketId,
    string TicketNumber,
    string Policy,
    SlaMetric Metric,
    DateTimeOffset DueAt,
    DateTimeOffset BreachedAt,
    string? Queue = null,
    string? AssigneeId = null) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => BreachedAt;
}

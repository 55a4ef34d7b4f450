namespace HelpDesk.Sla.Api;

public sealed record TicketSlaView(
    Guid TicketId,
    string TicketNumber,
    TicketType Type,
    TicketPriority Priority,
    string? Queue,
    string? Organisation,
    TicketStatus Status,
    string? Policy,
    DateTimeOffset? SubmittedAt,
    IReadOnlyList<ClockView> Clocks,
    IReadOnlyList<TimelineEntry> Timeline,
    DateTimeOffset AsOf);

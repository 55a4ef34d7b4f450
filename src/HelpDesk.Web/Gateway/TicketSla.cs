namespace HelpDesk.Web.Gateway;

public sealed record TicketSla(Guid TicketId, string TicketNumber, string? Policy, IReadOnlyList<SlaClock> Clocks, IReadOnlyList<SlaTimelineEntry> Timeline, DateTimeOffset AsOf);

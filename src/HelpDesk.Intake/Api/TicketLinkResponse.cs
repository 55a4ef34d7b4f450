namespace HelpDesk.Intake.Api;

/// <summary>One link as seen from a ticket: <c>direction</c> is "outgoing" for links it states, "incoming" for the inverse.</summary>
public sealed record TicketLinkResponse(TicketLinkType Type, string Direction, string Label, Guid TicketId, string TicketNumber, TicketType TicketType, TicketStatus Status, string Subject, string CreatedBy, DateTimeOffset CreatedAt);

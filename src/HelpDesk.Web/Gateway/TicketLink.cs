namespace HelpDesk.Web.Gateway;

/// <summary>One link as a ticket sees it: <c>Direction</c> is "outgoing" for a link it states, "incoming" for the inverse.</summary>
public sealed record TicketLink(string Type, string Direction, string Label, Guid TicketId, string TicketNumber, string TicketType, string Status, string Subject, string CreatedBy, DateTimeOffset CreatedAt);

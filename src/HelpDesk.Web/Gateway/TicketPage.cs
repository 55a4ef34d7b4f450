namespace HelpDesk.Web.Gateway;

public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, string? NextCursor);

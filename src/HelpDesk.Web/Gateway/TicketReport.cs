namespace HelpDesk.Web.Gateway;

public sealed record TicketReport(DateTimeOffset From, DateTimeOffset To, string By, TicketGroupStats Overall, IReadOnlyList<TicketGroupStats> Groups);

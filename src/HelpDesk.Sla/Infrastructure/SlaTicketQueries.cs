namespace HelpDesk.Sla.Infrastructure;

public static class SlaTicketQueries
{
    /// <summary>The ticket named by id or by number (HD-000123).</summary>
    public static IQueryable<SlaTicket> WhereTicket(this IQueryable<SlaTicket> tickets, TicketRef ticket) =>
        ticket.Id is { } id ? tickets.Where(t => t.TicketId == id) : tickets.Where(t => t.TicketNumber == ticket.Number);
}

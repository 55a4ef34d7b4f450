using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Infrastructure;

public static class RoutedTicketQueries
{
    /// <summary>The ticket named by id or by number (HD-000123).</summary>
    public static IQueryable<RoutedTicket> WhereTicket(this IQueryable<RoutedTicket> tickets, TicketRef ticket) =>
        ticket.Id is { } id ? tickets.Where(t => t.TicketId == id) : tickets.Where(t => t.TicketNumber == ticket.Number);

    /// <summary>The id of the ticket named by id or number, when routing knows it.</summary>
    public static async Task<Guid?> ResolveAsync(this IQueryable<RoutedTicket> tickets, TicketRef ticket, CancellationToken cancellationToken) =>
        ticket.Id ?? await tickets.Where(t => t.TicketNumber == ticket.Number).Select(t => (Guid?)t.TicketId).FirstOrDefaultAsync(cancellationToken);
}

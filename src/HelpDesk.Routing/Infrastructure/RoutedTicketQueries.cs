using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Infrastructure;

public static class RoutedTicketQueries
{
    // Every TicketSubmitted asks it; compiled once per model (see PerModel).
    private static readonly PerModel<Func<RoutingDbContext, Guid, CancellationToken, Task<bool>>> Routed =
        new(() => EF.CompileAsyncQuery((RoutingDbContext db, Guid ticketId, CancellationToken _) => db.RoutedTickets.Any(t => t.TicketId == ticketId)));

    /// <summary>Whether routing already holds the ticket (a second TicketSubmitted for it is ignored).</summary>
    public static Task<bool> IsRoutedAsync(RoutingDbContext db, Guid ticketId, CancellationToken cancellationToken) =>
        Routed.For(db)(db, ticketId, cancellationToken);

    /// <summary>The ticket named by id or by number (HD-000123).</summary>
    public static IQueryable<RoutedTicket> WhereTicket(this IQueryable<RoutedTicket> tickets, TicketRef ticket) =>
        ticket.Id is { } id ? tickets.Where(t => t.TicketId == id) : tickets.Where(t => t.TicketNumber == ticket.Number);

    /// <summary>The id of the ticket named by id or number, when routing knows it.</summary>
    public static async Task<Guid?> ResolveAsync(this IQueryable<RoutedTicket> tickets, TicketRef ticket, CancellationToken cancellationToken) =>
        ticket.Id ?? await tickets.Where(t => t.TicketNumber == ticket.Number).Select(t => (Guid?)t.TicketId).FirstOrDefaultAsync(cancellationToken);
}

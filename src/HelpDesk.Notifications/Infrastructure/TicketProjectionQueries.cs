using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Notifications.Infrastructure;

public static class TicketProjectionQueries
{
    /// <summary>The id of the ticket named by id or number (HD-000123); a number Notifications has not heard of is null.</summary>
    public static async Task<Guid?> ResolveAsync(this IQueryable<TicketProjection> tickets, TicketRef ticket, CancellationToken cancellationToken) =>
        ticket.Id ?? await tickets.Where(t => t.TicketNumber == ticket.Number).Select(t => (Guid?)t.TicketId).FirstOrDefaultAsync(cancellationToken);
}

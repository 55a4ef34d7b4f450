using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Notifications.Infrastructure;

public static class TicketProjectionQueries
{
    /// <summary>The id of the ticket named by id or number (HD-000123); a number Notifications has not heard of is null.</summary>
    public static async Task<Guid?> ResolveAsync(this IQueryable<TicketProjection> tickets, TicketRef ticket, CancellationToken cancellationToken) =>
        ticket.Id ?? await tickets.Where(t => t.TicketNumber == ticket.Number).Select(t => (Guid?)t.TicketId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The tickets whose notification log this caller may read (<see cref="QueueAccess"/>): all for machines, admins and leads; an agent's queues, assigned and unrouted tickets; none for anyone else.</summary>
    public static IQueryable<TicketProjection> VisibleTo(this IQueryable<TicketProjection> tickets, Caller caller)
    {
        if (QueueAccess.SeesAll(caller))
        {
            return tickets;
        }
        if (!caller.IsInRole(HelpDeskRoles.Agent))
        {
            return tickets.Where(t => false);
        }
        var queues = caller.Groups.ToList();
        var ids = QueueAccess.IdsOf(caller).ToList();
        return tickets.Where(t => t.Queue == null || t.Queue == "" || queues.Contains(t.Queue) || (t.AssigneeId != null && ids.Contains(t.AssigneeId)));
    }
}

using HelpDesk.Routing.Domain;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Infrastructure;

public static class ChangeApprovalOrders
{
    /// <summary>
    /// Whether an approval event of a change at <paramref name="version"/> is newer than all applied so far (and
    /// records it in the caller's transaction). Events without a version (older publishers) are always applied.
    /// </summary>
    public static async Task<bool> AdmitAsync(this RoutingDbContext db, Guid ticketId, long? version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (version is not { } ticketVersion)
        {
            return true;
        }
        var order = await db.ChangeApprovalOrders.FirstOrDefaultAsync(o => o.TicketId == ticketId, cancellationToken);
        if (order is null)
        {
            // Two first events racing both insert: the key refuses the second commit and its retry finds this row.
            order = new ChangeApprovalOrder { TicketId = ticketId };
            db.ChangeApprovalOrders.Add(order);
        }
        return order.Admit(ticketVersion, now);
    }
}

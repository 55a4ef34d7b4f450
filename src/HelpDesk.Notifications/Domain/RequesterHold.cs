using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Notifications.Domain;

/// <summary>
/// Keeps the requester's share of an event that overtook its ticket's TicketSubmitted (an auto-fulfilled request
/// resolves within milliseconds; a backlog drains queues in any order) and plans it when the submission arrives. Both
/// run in the consuming message's inbox transaction, so a hold is as durable as the event's other effects.
/// </summary>
public sealed class RequesterHold(DeliveryPlanner planner, TimeProvider time)
{
    /// <summary>Holds <paramref name="evt"/> for the requester of its ticket, or plans it at once if the submission just committed.</summary>
    public async Task HoldAsync(NotificationsDbContext db, NotificationEvent evt, CancellationToken cancellationToken)
    {
        // Write the projection row first: on PostgreSQL it stays locked until this transaction ends, so a submission
        // either committed before (its requester is read just below) or waits for this one and then finds the hold
        // (ReleaseAsync reads after its own write). SQLite serialises writers (BEGIN IMMEDIATE) anyway.
        await db.SaveChangesAsync(cancellationToken);
        var current = await db.Tickets.AsNoTracking().SingleAsync(t => t.TicketId == evt.Ticket.TicketId, cancellationToken);
        if (current.RequesterEmail is not null)
        {
            await planner.PlanForRequesterAsync(db, evt with { Ticket = evt.Ticket.WithRequesterOf(current) }, cancellationToken);
            return;
        }
        db.HeldNotifications.Add(HeldNotification.Hold(evt, time.GetUtcNow()));
        NotificationsMetrics.Held.Add(1);
    }

    /// <summary>
    /// PostgreSQL: writes the projection row now, so that it stays locked until this transaction ends. SQLite: nothing to
    /// do, the transaction holds the database's only writer from its start (SqliteWriterQueue); every TicketSubmitted
    /// releases, so the extra flush was a cost on every ticket.
    /// </summary>
    private static Task LockProjectionAsync(NotificationsDbContext db, CancellationToken cancellationToken) =>
        db.Database.IsSqlite() ? Task.CompletedTask : db.SaveChangesAsync(cancellationToken);

    /// <summary>Plans every notification held for <paramref name="submitted"/>'s requester, in the order the events were consumed.</summary>
    public async Task<int> ReleaseAsync(NotificationsDbContext db, TicketProjection submitted, CancellationToken cancellationToken)
    {
        await LockProjectionAsync(db, cancellationToken); // before reading the holds (see HoldAsync)
        var held = await NotificationQueries.HeldForAsync(db, submitted.TicketId, cancellationToken);
        foreach (var notification in held)
        {
            await planner.PlanForRequesterAsync(db, notification.Release(submitted), cancellationToken);
            db.HeldNotifications.Remove(notification);
        }
        NotificationsMetrics.Released.Add(held.Count);
        return held.Count;
    }
}

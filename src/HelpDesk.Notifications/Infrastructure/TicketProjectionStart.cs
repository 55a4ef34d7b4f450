using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>
/// The first event of a ticket creates its projection. Two first events consumed at once (TicketSubmitted and
/// TicketRouted a few milliseconds apart, on PostgreSQL) both found no row and both inserted one: the loser's whole
/// transaction failed on the primary key and started over (hundreds of retries a minute at 20 tickets/s). Inserting with
/// ON CONFLICT DO NOTHING makes the second wait for the first's commit and then update the row it finds.
/// </summary>
public static class TicketProjectionStart
{
    private const string InsertIfAbsent = """
        INSERT INTO notifications_tickets ("TicketId", "TicketNumber", "Language", "UpdatedAt")
        VALUES ({0}, {1}, {2}, {3})
        ON CONFLICT ("TicketId") DO NOTHING
        RETURNING *
        """;

    /// <summary>The ticket's projection, inserted as <paramref name="start"/> unless another transaction did (tracked, ready to change).</summary>
    public static async Task<TicketProjection> FindOrStartAsync(NotificationsDbContext db, TicketProjection start, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await NotificationQueries.FindTicketAsync(db, start.TicketId, cancellationToken) is { } found)
        {
            return found;
        }
        // The row this statement inserted comes back with it, tracked like a queried one; only when another transaction
        // inserted it first is it read again (after that transaction's commit).
        var inserted = await db.Tickets.FromSqlRaw(InsertIfAbsent,
            [start.TicketId, start.TicketNumber, start.Language, db.Database.TimeParameter(now)]).ToListAsync(cancellationToken);
        return inserted.SingleOrDefault()
            ?? await NotificationQueries.FindTicketAsync(db, start.TicketId, cancellationToken)
            ?? throw new InvalidOperationException($"The projection of ticket {start.TicketId} was neither inserted nor found.");
    }
}

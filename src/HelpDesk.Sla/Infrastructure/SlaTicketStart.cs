using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Sla.Infrastructure;

/// <summary>
/// The first fact of a ticket creates its row. Two first facts consumed at once (TicketSubmitted and TicketRouted, on
/// PostgreSQL) both found no row and both inserted one: the loser's transaction failed on the primary key and started
/// over (hundreds of times a minute at 20 tickets/s). Inserted with ON CONFLICT DO NOTHING, the second waits for the
/// first's commit and then reads its row — and, read after it, its fact — so the replay includes both.
/// </summary>
public static class SlaTicketStart
{
    private const string InsertIfAbsent = """
        INSERT INTO sla_tickets ("TicketId", "TicketNumber", "Type", "Priority", "Status", "Timeline", "UpdatedAt", "Version")
        VALUES ({0}, '', {1}, {2}, {3}, '[]', {4}, 0)
        ON CONFLICT ("TicketId") DO NOTHING
        RETURNING *
        """;

    /// <summary>The ticket's row (tracked), inserted empty unless another transaction did; the caller records the replay into it.</summary>
    public static async Task<SlaTicket> InsertAndLoadAsync(SlaDbContext db, Guid ticketId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The row this statement inserted comes back with it (tracked); only when another transaction inserted it first
        // is it read again, after that transaction's commit.
        var inserted = await db.Tickets.FromSqlRaw(InsertIfAbsent,
            [ticketId, default(TicketType).ToString(), default(TicketPriority).ToString(), default(TicketStatus).ToString(), db.Database.TimeParameter(now)])
            .ToListAsync(cancellationToken);
        return inserted.SingleOrDefault()
            ?? await db.Tickets.FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken)
            ?? throw new InvalidOperationException($"The SLA row of ticket {ticketId} was neither inserted nor found.");
    }
}

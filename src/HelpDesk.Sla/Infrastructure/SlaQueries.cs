using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Sla.Infrastructure;

/// <summary>
/// The reads every lifecycle fact makes (<see cref="SlaClockStore"/>), compiled once per model
/// (<see cref="PerModel{TQuery}"/>): the LINQ forms built and looked up their cache keys from the expression tree per fact.
/// </summary>
internal static class SlaQueries
{
    private static readonly PerModel<Func<SlaDbContext, Guid, CancellationToken, Task<SlaTicket?>>> Ticket =
        new(() => EF.CompileAsyncQuery((SlaDbContext db, Guid ticketId, CancellationToken _) =>
            db.Tickets.FirstOrDefault(t => t.TicketId == ticketId)));

    private static readonly PerModel<Func<SlaDbContext, Guid, IAsyncEnumerable<SlaFact>>> Facts =
        new(() => EF.CompileAsyncQuery((SlaDbContext db, Guid ticketId) => db.Facts.AsNoTracking().Where(f => f.TicketId == ticketId)));

    private static readonly PerModel<Func<SlaDbContext, Guid, IAsyncEnumerable<SlaClock>>> Clocks =
        new(() => EF.CompileAsyncQuery((SlaDbContext db, Guid ticketId) => db.Clocks.Where(c => c.TicketId == ticketId)));

    /// <summary>The ticket's row, tracked (its version guards the write), or null.</summary>
    public static Task<SlaTicket?> FindTicketAsync(SlaDbContext db, Guid ticketId, CancellationToken cancellationToken) =>
        Ticket.For(db)(db, ticketId, cancellationToken);

    /// <summary>The ticket's stored facts, not tracked (only replayed).</summary>
    public static Task<List<SlaFact>> FactsOfAsync(SlaDbContext db, Guid ticketId, CancellationToken cancellationToken) =>
        Facts.For(db)(db, ticketId).ToListAsync(cancellationToken).AsTask();

    /// <summary>The ticket's clock rows, tracked (the replay rewrites them).</summary>
    public static Task<List<SlaClock>> ClocksOfAsync(SlaDbContext db, Guid ticketId, CancellationToken cancellationToken) =>
        Clocks.For(db)(db, ticketId).ToListAsync(cancellationToken).AsTask();
}

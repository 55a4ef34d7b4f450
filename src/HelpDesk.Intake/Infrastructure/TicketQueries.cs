using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

public static class TicketQueries
{
    // Every message that changes a ticket (TicketConsumer) loads it: compiled once per model (PerModel), where the LINQ
    // form built its cache key from the expression tree and looked it up per message.
    private static readonly PerModel<Func<IntakeDbContext, Guid, CancellationToken, Task<Ticket?>>> ById =
        new(() => EF.CompileAsyncQuery((IntakeDbContext db, Guid ticketId, CancellationToken _) =>
            db.Tickets.FirstOrDefault(t => t.Id == ticketId)));

    /// <summary>The ticket, tracked (the caller changes it), or null.</summary>
    public static Task<Ticket?> FindAsync(IntakeDbContext db, Guid ticketId, CancellationToken cancellationToken) =>
        ById.For(db)(db, ticketId, cancellationToken);

    /// <summary>A ticket by its id (a GUID) or its number (HD-000123, any case).</summary>
    public static Task<Ticket?> FindByIdOrNumberAsync(this IQueryable<Ticket> tickets, string idOrNumber, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(idOrNumber, out var id))
        {
            return tickets.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        }
        var number = idOrNumber.Trim().ToUpperInvariant();
        return tickets.FirstOrDefaultAsync(t => t.Number == number, cancellationToken);
    }

    /// <summary>A ticket the caller works (<see cref="TicketAccess.Works"/>); any other is as missing (404), like one that does not exist.</summary>
    public static async Task<Ticket?> FindWorkedByAsync(this IQueryable<Ticket> tickets, string idOrNumber, Caller caller, CancellationToken cancellationToken) =>
        await tickets.FindByIdOrNumberAsync(idOrNumber, cancellationToken) is { } ticket && TicketAccess.Works(caller, ticket) ? ticket : null;
}

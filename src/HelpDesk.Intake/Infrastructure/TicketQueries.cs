using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

public static class TicketQueries
{
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
}

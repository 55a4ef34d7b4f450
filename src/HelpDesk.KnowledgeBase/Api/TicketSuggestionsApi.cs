using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase.Api;

/// <summary>The articles recorded as suggested for a ticket when it was submitted; the ticket by id or number (HD-000123).</summary>
public static class TicketSuggestionsApi
{
    public static RouteGroupBuilder MapTicketSuggestionsApi(this RouteGroupBuilder kb)
    {
        kb.MapGet("/tickets/{ticketId}", GetAsync).WithName("Kb_GetTicketSuggestions")
            .WithSummary("Articles suggested for a ticket")
            .WithDescription("The articles recorded as suggested for a ticket when it was submitted.").ProducesProblem(404);
        return kb;
    }

    private static async Task<Results<Ok<TicketSuggestions>, NotFound>> GetAsync(TicketRef ticketId, KnowledgeBaseDbContext db, CancellationToken cancellationToken) =>
        await (ticketId.Id is { } id ? db.TicketSuggestions.Where(r => r.TicketId == id) : db.TicketSuggestions.Where(r => r.TicketNumber == ticketId.Number))
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}

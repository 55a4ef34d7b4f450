using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase.Api;

/// <summary>The articles recorded as suggested for a ticket when it was submitted.</summary>
public static class TicketSuggestionsApi
{
    public static RouteGroupBuilder MapTicketSuggestionsApi(this RouteGroupBuilder kb)
    {
        kb.MapGet("/tickets/{ticketId:guid}", GetAsync).WithName("Kb_GetTicketSuggestions")
            .WithSummary("Articles suggested for a ticket")
            .WithDescription("The articles recorded as suggested for a ticket when it was submitted.").ProducesProblem(404);
        return kb;
    }

    private static async Task<Results<Ok<TicketSuggestions>, NotFound>> GetAsync(Guid ticketId, KnowledgeBaseDbContext db, CancellationToken cancellationToken) =>
        await db.TicketSuggestions.AsNoTracking().FirstOrDefaultAsync(r => r.TicketId == ticketId, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}

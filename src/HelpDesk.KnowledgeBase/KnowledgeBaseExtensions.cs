using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase;

public static class KnowledgeBaseExtensions
{
    public const string DatabaseName = "kbdb";

    public static IHostApplicationBuilder AddKnowledgeBase(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<KnowledgeBaseDbContext>(DatabaseName);
        builder.AddMessageConsumers(bus => bus.AddConsumer<SuggestArticlesForTicket>());
        return builder;
    }

    public static IEndpointRouteBuilder MapKnowledgeBase(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/kb").WithTags("KnowledgeBase");
        group.MapGet("/tickets/{ticketId:guid}", async Task<Results<Ok<SuggestionRecord>, NotFound>> (Guid ticketId, KnowledgeBaseDbContext db, CancellationToken cancellationToken) =>
            await db.SuggestionRecords.AsNoTracking().FirstOrDefaultAsync(r => r.TicketId == ticketId, cancellationToken) is { } record
                ? TypedResults.Ok(record)
                : TypedResults.NotFound());
        return app;
    }
}

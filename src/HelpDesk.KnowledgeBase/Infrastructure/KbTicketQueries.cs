using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase.Infrastructure;

/// <summary>
/// The look-ups KB makes for every submitted ticket, compiled once per model (<see cref="PerModel{TQuery}"/>): FindAsync
/// built its query and looked up the cache key from the expression tree on every message.
/// </summary>
internal static class KbTicketQueries
{
    private static readonly PerModel<Func<KnowledgeBaseDbContext, Guid, CancellationToken, Task<bool>>> Suggested =
        new(() => EF.CompileAsyncQuery((KnowledgeBaseDbContext db, Guid ticketId, CancellationToken _) =>
            db.TicketSuggestions.Any(s => s.TicketId == ticketId)));

    private static readonly PerModel<Func<KnowledgeBaseDbContext, Guid, CancellationToken, Task<bool>>> Recorded =
        new(() => EF.CompileAsyncQuery((KnowledgeBaseDbContext db, Guid ticketId, CancellationToken _) =>
            db.RequesterTickets.Any(t => t.TicketId == ticketId)));

    /// <summary>Whether suggestions were already recorded for the ticket.</summary>
    public static Task<bool> SuggestedAsync(KnowledgeBaseDbContext db, Guid ticketId, CancellationToken cancellationToken) =>
        Suggested.For(db)(db, ticketId, cancellationToken);

    /// <summary>Whether the ticket's requester was already recorded.</summary>
    public static Task<bool> RecordedAsync(KnowledgeBaseDbContext db, Guid ticketId, CancellationToken cancellationToken) =>
        Recorded.For(db)(db, ticketId, cancellationToken);
}

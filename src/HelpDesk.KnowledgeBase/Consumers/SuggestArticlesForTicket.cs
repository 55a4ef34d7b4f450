using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Outbox;
using MassTransit;
using Microsoft.Extensions.Options;

namespace HelpDesk.KnowledgeBase.Consumers;

/// <summary>
/// On a new ticket, finds public articles that may answer it, records them and publishes KbArticlesSuggested
/// (notifications offer them to the requester), and records who filed the ticket when, for the deflection report — one
/// transaction for both (they were two consumers, two commits per ticket). Idempotent: a redelivered TicketSubmitted
/// has no second effect.
/// </summary>
public sealed class SuggestArticlesForTicket(
    KnowledgeBaseDbContext db,
    TicketArticleSuggester suggester,
    IOptions<KnowledgeBaseOptions> options,
    TimeProvider time,
    ILogger<SuggestArticlesForTicket> logger)
    : IdempotentConsumer<TicketSubmitted, KnowledgeBaseDbContext>(db, logger)
{
    private IReadOnlyList<SearchHit> _hits = [];

    /// <summary>The search reads the index, not the database: outside the transaction, so it holds no writer meanwhile.</summary>
    protected override async Task PrepareAsync(ConsumeContext<TicketSubmitted> context, CancellationToken cancellationToken)
    {
        var ticket = context.Message;
        // Requesters are not agents: public articles only.
        _hits = await suggester.SuggestAsync(ticket.Subject, ticket.Description, KbLanguages.Normalize(ticket.Language), includeInternal: false,
            options.Value.SuggestionsPerTicket, cancellationToken);
    }

    protected override async Task HandleAsync(ConsumeContext<TicketSubmitted> context, CancellationToken cancellationToken)
    {
        var ticket = context.Message;
        await RequesterTickets.RecordAsync(Db, ticket, cancellationToken);
        if (await KbTicketQueries.SuggestedAsync(Db, ticket.TicketId, cancellationToken))
        {
            return;
        }
        var language = KbLanguages.Normalize(ticket.Language);
        var hits = _hits;
        var baseUrl = options.Value.PortalArticleBaseUrl;
        var suggestions = hits.Select(h => new KbSuggestion(h.ArticleId, h.Title, Math.Round(h.Score, 4), h.Snippet,
            baseUrl is null ? null : $"{baseUrl.TrimEnd('/')}/{h.ArticleId}")).ToList();
        var now = time.GetUtcNow();
        Db.TicketSuggestions.Add(new TicketSuggestions
        {
            TicketId = ticket.TicketId,
            TicketNumber = ticket.TicketNumber,
            Language = language,
            SuggestedAt = now,
            Articles = [.. suggestions.Select(s => new SuggestedArticle { ArticleId = s.ArticleId, Title = s.Title, Score = s.Score, Snippet = s.Snippet, Url = s.Url })],
        });
        Db.PublishEvent(new KbArticlesSuggested(ticket.TicketId, ticket.TicketNumber, suggestions, now), ticket.TicketId);
        logger.LogInformation("Suggested {Count} articles for ticket {TicketNumber}", suggestions.Count, ticket.TicketNumber);
    }
}

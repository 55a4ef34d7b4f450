namespace HelpDesk.Contracts;

public enum ArticleVisibility { Draft, Published, Internal }

/// <summary>
/// <c>Revision</c> increases with every publish/withdraw of one article, so a replica applying events out of order
/// keeps the newest state. Carries the whole published text so every replica can keep its own search index from events alone.</summary>
public sealed record KbArticlePublished(
    Guid ArticleId,
    int Version,
    string Title,
    string Body,
    string Language,
    string Category,
    IReadOnlyList<string> Tags,
    ArticleVisibility Visibility,
    DateTimeOffset PublishedAt,
    long Revision = 0);

/// <summary>The article left search (withdrawn to draft or deleted). <c>Revision</c> orders changes of one article.</summary>
public sealed record KbArticleWithdrawn(Guid ArticleId, int Version, DateTimeOffset WithdrawnAt, long Revision = 0);

public sealed record KbSuggestion(Guid ArticleId, string Title, double Score, string Snippet, string? Url = null);

public sealed record KbArticlesSuggested(Guid TicketId, string TicketNumber, IReadOnlyList<KbSuggestion> Articles, DateTimeOffset SuggestedAt) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => SuggestedAt;
}

/// <summary>An editor changed the synonyms of these languages; every knowledge-base replica reloads its synonyms.</summary>
public sealed record KbSynonymsChanged(IReadOnlyList<string> Languages, DateTimeOffset ChangedAt);

namespace HelpDesk.Contracts;

public enum ArticleVisibility { Draft, Published, Internal }

/// <summary>Carries the whole published text so every replica can keep its own search index from events alone.</summary>
public sealed record KbArticlePublished(
    Guid ArticleId,
    int Version,
    string Title,
    string Body,
    string Language,
    string Category,
    IReadOnlyList<string> Tags,
    ArticleVisibility Visibility,
    DateTimeOffset PublishedAt);

public sealed record KbArticleWithdrawn(Guid ArticleId, int Version, DateTimeOffset WithdrawnAt);

public sealed record KbSuggestion(Guid ArticleId, string Title, double Score, string Snippet, string? Url = null);

public sealed record KbArticlesSuggested(Guid TicketId, string TicketNumber, IReadOnlyList<KbSuggestion> Articles, DateTimeOffset SuggestedAt);

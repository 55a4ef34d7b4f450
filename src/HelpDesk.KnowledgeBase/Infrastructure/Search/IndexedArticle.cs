
namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

/// <summary>
/// What a search index holds for one article: its published text, or a tombstone (<see cref="IsSearchable"/> false)
/// when it was withdrawn or deleted. <see cref="Revision"/> orders the states of one article so late events lose.
/// </summary>
public sealed record IndexedArticle(
    Guid ArticleId,
    long Revision,
    int Version,
    string Title,
    string Body,
    string Language,
    string Category,
    IReadOnlyList<string> Tags,
    ArticleVisibility Visibility,
    DateTimeOffset ChangedAt)
{
    public bool IsSearchable => Visibility != ArticleVisibility.Draft;

    public static IndexedArticle Tombstone(Guid articleId, long revision, int version, DateTimeOffset changedAt) =>
        new(articleId, revision, version, "", "", "", "", [], ArticleVisibility.Draft, changedAt);
}

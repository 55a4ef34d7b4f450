using HelpDesk.Contracts;

namespace HelpDesk.KnowledgeBase.Search;

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

/// <summary>Most: nearly every term must match (search box). Any: one term is enough, best first (ticket text).</summary>
public enum MatchMode { Most, Any }

public sealed record SearchQuery(
    string Text,
    string? Language = null,
    string? Category = null,
    string? Tag = null,
    bool IncludeInternal = false,
    int Page = 1,
    int PageSize = 10,
    MatchMode Mode = MatchMode.Most);

public sealed record SearchHit(
    Guid ArticleId,
    int Version,
    string Title,
    string Snippet,
    double Score,
    string Language,
    string Category,
    IReadOnlyList<string> Tags,
    ArticleVisibility Visibility);

public sealed record FacetValue(string Value, int Count);

public sealed record SearchFacets(IReadOnlyList<FacetValue> Categories, IReadOnlyList<FacetValue> Tags, IReadOnlyList<FacetValue> Languages)
{
    public static readonly SearchFacets Empty = new([], [], []);
}

public sealed record SearchResults(long Total, int Page, int PageSize, IReadOnlyList<SearchHit> Hits, SearchFacets Facets)
{
    public static SearchResults Empty(SearchQuery query) => new(0, query.Page, query.PageSize, [], SearchFacets.Empty);
}

public sealed record TypeaheadSuggestion(Guid ArticleId, string Title, string Language);

public sealed record IndexStatus(string Backend, string Generation, long Documents, DateTimeOffset? Checkpoint, bool Rebuilding);

/// <summary>
/// A knowledge-base search index. Lucene.NET on local disk (one per replica) or Elasticsearch (shared), picked by
/// configuration (<c>KnowledgeBase:Search:Backend</c>); the rest of the service only sees this interface.
/// </summary>
public interface ISearchBackend
{
    string Name { get; }

    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Upserts articles (or tombstones); an older revision than the one indexed is ignored. Idempotent.</summary>
    Task ApplyAsync(IReadOnlyCollection<IndexedArticle> articles, CancellationToken cancellationToken);

    Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<TypeaheadSuggestion>> TypeaheadAsync(string prefix, string? language, bool includeInternal, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Builds a complete new index from <paramref name="source"/> while the current one keeps answering, then swaps.
    /// Changes applied meanwhile reach both indexes.
    /// </summary>
    Task RebuildAsync(IAsyncEnumerable<IReadOnlyCollection<IndexedArticle>> source, CancellationToken cancellationToken);

    /// <summary>Latest article change time this index has applied (stored with the index), for catch-up on start.</summary>
    Task<DateTimeOffset?> GetCheckpointAsync(CancellationToken cancellationToken);

    Task<IndexStatus> GetStatusAsync(CancellationToken cancellationToken);
}

public static class KbLanguages
{
    public static readonly IReadOnlyList<string> Supported = ["en", "fr", "it"];

    /// <summary>"fr-CH" → "fr"; null when the language has no analyzer here.</summary>
    public static string? Normalize(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }
        var primary = language.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(primary) ? primary : null;
    }
}

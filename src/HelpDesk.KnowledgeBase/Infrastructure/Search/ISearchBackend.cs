namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

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

    /// <summary>
    /// After a bulk load (a first catch-up, a rebuild): compacts the index for reading (Lucene merges its segments
    /// into one, so each query term is looked up once, not once per segment). Elasticsearch manages this itself.
    /// </summary>
    Task CompactAsync(CancellationToken cancellationToken);

    /// <summary>Latest article change time this index has applied (stored with the index), for catch-up on start.</summary>
    Task<DateTimeOffset?> GetCheckpointAsync(CancellationToken cancellationToken);

    Task<IndexStatus> GetStatusAsync(CancellationToken cancellationToken);
}

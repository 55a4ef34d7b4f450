namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

/// <param name="Relaxed">The strict match ("most words") found too little, so any word was allowed; strict hits come first.</param>
/// <param name="DidYouMean">The query with unknown words replaced by the closest words of the knowledge base, when the query found little.</param>
/// <param name="TypoTolerant">Near spellings of the words were searched too (the exact words found too little).</param>
/// <param name="SearchId">Identifies this search in the analytics log; send it back with a click.</param>
public sealed record SearchResults(
    long Total, int Page, int PageSize, IReadOnlyList<SearchHit> Hits, SearchFacets Facets,
    bool Relaxed = false, string? DidYouMean = null, bool TypoTolerant = false, Guid? SearchId = null)
{
    public static SearchResults Empty(SearchQuery query) => new(0, query.Page, query.PageSize, [], SearchFacets.Empty);
}

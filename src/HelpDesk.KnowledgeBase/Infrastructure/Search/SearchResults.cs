namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

public sealed record SearchResults(long Total, int Page, int PageSize, IReadOnlyList<SearchHit> Hits, SearchFacets Facets)
{
    public static SearchResults Empty(SearchQuery query) => new(0, query.Page, query.PageSize, [], SearchFacets.Empty);
}

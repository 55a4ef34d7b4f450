namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

public sealed record SearchFacets(IReadOnlyList<FacetValue> Categories, IReadOnlyList<FacetValue> Tags, IReadOnlyList<FacetValue> Languages)
{
    public static readonly SearchFacets Empty = new([], [], []);
}

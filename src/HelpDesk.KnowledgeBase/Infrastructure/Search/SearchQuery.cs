namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

/// <param name="Facets">Count categories, tags and languages over all matches (callers that show no facets skip the work).</param>
/// <param name="Spelling">Offer a did-you-mean when the query finds little (callers that show none skip the work).</param>
public sealed record SearchQuery(
    string Text,
    string? Language = null,
    string? Category = null,
    string? Tag = null,
    bool IncludeInternal = false,
    int Page = 1,
    int PageSize = 10,
    MatchMode Mode = MatchMode.Most,
    bool Facets = true,
    bool Spelling = true);

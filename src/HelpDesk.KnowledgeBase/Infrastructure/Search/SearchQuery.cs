namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

public sealed record SearchQuery(
    string Text,
    string? Language = null,
    string? Category = null,
    string? Tag = null,
    bool IncludeInternal = false,
    int Page = 1,
    int PageSize = 10,
    MatchMode Mode = MatchMode.Most);

namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

public sealed record FacetValue(string Value, int Count);

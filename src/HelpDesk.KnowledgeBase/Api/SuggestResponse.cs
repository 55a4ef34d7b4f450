namespace HelpDesk.KnowledgeBase.Api;

public sealed record SuggestResponse(IReadOnlyList<SearchHit> Articles);

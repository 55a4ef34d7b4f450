namespace HelpDesk.KnowledgeBase.Api;

/// <summary>The article a reader opened from a search's results.</summary>
public sealed record ClickInput(Guid? ArticleId);

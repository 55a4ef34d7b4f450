namespace HelpDesk.KnowledgeBase.Domain;

/// <summary>Validated, normalised article text and labels: what one edit sets.</summary>
public sealed record ArticleContent(string Title, string Body, string Language, string Category, IReadOnlyList<string> Tags);

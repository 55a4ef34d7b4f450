namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

/// <summary>A query term as analyzed for one language, and how many typos a matching text term may differ by.</summary>
public sealed record SnippetTerm(string Term, int MaxEdits);

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;

/// <summary>One analyzed term with its position and character offsets in the source text.</summary>
public sealed record AnalyzedToken(string Term, int Position, int Start, int End);

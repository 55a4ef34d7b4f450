namespace HelpDesk.KnowledgeBase.Api;

public sealed record ArticleInput(string? Title, string? Body, string? Language, string? Category, IReadOnlyList<string>? Tags, int? ExpectedVersion = null);

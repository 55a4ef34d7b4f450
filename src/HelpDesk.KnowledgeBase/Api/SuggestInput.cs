namespace HelpDesk.KnowledgeBase.Api;

public sealed record SuggestInput(string? Subject, string? Description, string? Language = null, int? Limit = null);

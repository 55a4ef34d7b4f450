namespace HelpDesk.KnowledgeBase.Api;

/// <summary>A synonym group: words or short phrases that mean the same in one language.</summary>
public sealed record SynonymInput(string? Language, IReadOnlyList<string>? Terms);

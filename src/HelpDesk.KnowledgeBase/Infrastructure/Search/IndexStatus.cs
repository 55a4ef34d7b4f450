namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

public sealed record IndexStatus(string Backend, string Generation, long Documents, DateTimeOffset? Checkpoint, bool Rebuilding);

namespace HelpDesk.KnowledgeBase.Api;

public sealed record IndexStatusView(IndexStatus Index, bool CaughtUp, DateTimeOffset? LastRebuildCompletedAt, string? LastRebuildError);

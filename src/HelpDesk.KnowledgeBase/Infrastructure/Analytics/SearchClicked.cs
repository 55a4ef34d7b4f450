namespace HelpDesk.KnowledgeBase.Infrastructure.Analytics;

public sealed record SearchClicked(Guid SearchId, Guid ArticleId, DateTimeOffset At) : AnalyticsEvent;

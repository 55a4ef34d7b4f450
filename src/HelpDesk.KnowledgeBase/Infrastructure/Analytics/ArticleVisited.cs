namespace HelpDesk.KnowledgeBase.Infrastructure.Analytics;

public sealed record ArticleVisited(ArticleVisit Visit) : AnalyticsEvent;

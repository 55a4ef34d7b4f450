namespace HelpDesk.KnowledgeBase.Infrastructure.Analytics;

public sealed record SearchLogged(SearchLogEntry Entry) : AnalyticsEvent;

namespace HelpDesk.KnowledgeBase.Infrastructure.Analytics;

/// <summary>Something the analytics log records, in the order it happened (a click follows its search).</summary>
public abstract record AnalyticsEvent;

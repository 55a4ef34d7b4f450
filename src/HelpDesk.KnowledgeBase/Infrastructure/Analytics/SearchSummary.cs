namespace HelpDesk.KnowledgeBase.Infrastructure.Analytics;

/// <summary>How searching went over a period: volumes, the share that found nothing, needed relaxing or typo tolerance, led to a click.</summary>
public sealed record SearchSummary(
    DateTimeOffset From, DateTimeOffset To, string? Language, int Searches, int ZeroResults, double ZeroResultRate,
    int Relaxed, int TypoTolerant, int Clicked, double ClickThroughRate, IReadOnlyList<QueryCount> TopQueries, long EventsDropped);

namespace HelpDesk.KnowledgeBase.Infrastructure.Analytics;

/// <summary>The queries that found nothing, most frequent first: the articles the knowledge base is missing.</summary>
public sealed record ZeroResultReport(DateTimeOffset From, DateTimeOffset To, string? Language, int Searches, int ZeroResultSearches, IReadOnlyList<QueryCount> Queries);

namespace HelpDesk.KnowledgeBase.Infrastructure.Analytics;

/// <summary>A query (normalised) and how often it was searched in the period, with its latest search.</summary>
public sealed record QueryCount(string Query, int Count, DateTimeOffset LastSearchedAt);

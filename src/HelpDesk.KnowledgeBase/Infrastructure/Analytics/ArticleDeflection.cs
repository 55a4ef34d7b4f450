namespace HelpDesk.KnowledgeBase.Infrastructure.Analytics;

/// <summary>One article's part of the deflection report.</summary>
public sealed record ArticleDeflection(Guid ArticleId, string Title, int Visits, int Helpful, int Deflected, double DeflectionRate);

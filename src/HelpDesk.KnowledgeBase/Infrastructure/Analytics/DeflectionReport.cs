namespace HelpDesk.KnowledgeBase.Infrastructure.Analytics;

/// <summary>
/// Deflection over a period: of the known requesters who opened an article or marked it helpful (once per requester,
/// article and day), how many filed no ticket within <see cref="Window"/> afterwards. Visits too recent for their
/// window to have passed are <see cref="Pending"/>, not counted; visits by unknown readers are <see cref="Anonymous"/>.
/// </summary>
public sealed record DeflectionReport(
    DateTimeOffset From, DateTimeOffset To, TimeSpan Window, int Visits, int Deflected, double DeflectionRate,
    int Pending, int Anonymous, IReadOnlyList<ArticleDeflection> Articles);

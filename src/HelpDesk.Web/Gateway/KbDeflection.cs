namespace HelpDesk.Web.Gateway;

public sealed record KbDeflection(
    DateTimeOffset From, DateTimeOffset To, TimeSpan Window, int Visits, int Deflected, double DeflectionRate, int Pending, int Anonymous,
    IReadOnlyList<KbArticleDeflection> Articles);

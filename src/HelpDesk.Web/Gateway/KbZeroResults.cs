namespace HelpDesk.Web.Gateway;

public sealed record KbZeroResults(DateTimeOffset From, DateTimeOffset To, string? Language, int Searches, int ZeroResultSearches, IReadOnlyList<KbQueryCount> Queries);

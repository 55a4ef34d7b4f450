namespace HelpDesk.Web.Gateway;

public sealed record KbSearchResults(long Total, int Page, int PageSize, IReadOnlyList<KbHit> Hits, string? DidYouMean = null, Guid? SearchId = null);

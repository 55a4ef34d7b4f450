namespace HelpDesk.Web.Gateway;

public sealed record KbSuggestions(IReadOnlyList<KbHit> Articles);

namespace HelpDesk.Web.Gateway;

public sealed record TicketGroupStats(
    string? Key, int Created, int Resolved, int Reopened, double? ReopenRate, DurationSummary FirstResponse, DurationSummary Resolution,
    int Rated, double? CsatAverage);

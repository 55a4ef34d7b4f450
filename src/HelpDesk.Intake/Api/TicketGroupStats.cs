namespace HelpDesk.Intake.Api;

/// <summary>
/// One group of a ticket report (a queue, category, agent, channel or organisation; <c>null</c> key = not set): of the
/// tickets created in the period, how many were resolved, reopened, rated, and how long first response and resolution took.
/// </summary>
public sealed record TicketGroupStats(
    string? Key, int Created, int Resolved, int Reopened, double? ReopenRate, DurationSummary FirstResponse, DurationSummary Resolution,
    int Rated, double? CsatAverage);

namespace HelpDesk.Intake.Api;

/// <summary>
/// A problem record with its linked incidents. <c>OpenIncidents</c> is the offer made on resolution: these can be
/// resolved with it (<c>resolveLinkedIncidents</c>).
/// </summary>
public sealed record ProblemResponse(TicketResponse Problem, string? RootCause, string? Workaround, bool IsKnownError, long KnownErrorRevision,
    IReadOnlyList<TicketSummary> Incidents, int OpenIncidents, IReadOnlyList<string>? ResolvedIncidents = null);

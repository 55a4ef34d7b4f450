namespace HelpDesk.Intake.Api;

public sealed record MajorIncidentResponse(Guid Id, MajorIncidentState State, string Queue, string Category, string Subject, int LinkedCount,
    DateTimeOffset FirstSeenAt, DateTimeOffset RaisedAt, DateTimeOffset LastLinkedAt, string? ConfirmedBy, DateTimeOffset? ConfirmedAt, int UpdatesPosted,
    IReadOnlyList<TicketSummary>? Tickets = null)
{
    public static MajorIncidentResponse From(MajorIncident m, int linkedCount, IReadOnlyList<TicketSummary>? tickets = null) => new(
        m.Id, m.State, m.Queue, m.Category, m.Subject, linkedCount, m.FirstSeenAt, m.RaisedAt, m.LastLinkedAt, m.ConfirmedBy, m.ConfirmedAt, m.UpdatesPosted, tickets);
}

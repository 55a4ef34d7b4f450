namespace HelpDesk.Intake.Api;

/// <summary>GET /api/v1/reports/tickets: tickets created in [From, To), overall and per <see cref="By"/>.</summary>
public sealed record TicketReport(DateTimeOffset From, DateTimeOffset To, string By, TicketGroupStats Overall, IReadOnlyList<TicketGroupStats> Groups);

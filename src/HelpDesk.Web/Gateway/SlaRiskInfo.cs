namespace HelpDesk.Web.Gateway;

/// <summary>A ticket's SLA standing from the SLA service: breached, warning or ok, and the next target.</summary>
public sealed record SlaRiskInfo(Guid TicketId, string TicketNumber, string Risk, double PercentUsed, DateTimeOffset? NextDueAt, string? NextMetric);

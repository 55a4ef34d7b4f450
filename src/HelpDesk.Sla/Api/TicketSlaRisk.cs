using HelpDesk.Contracts;

namespace HelpDesk.Sla.Api;

/// <summary>
/// A ticket's SLA standing in one word, for queue views: <c>breached</c> (any clock past its target), <c>warning</c> (a
/// running clock past its first warning threshold) or <c>ok</c>; with the next target still to meet.
/// </summary>
public sealed record TicketSlaRisk(Guid TicketId, string TicketNumber, string Risk, double PercentUsed, DateTimeOffset? NextDueAt, SlaMetric? NextMetric)
{
    public const string Breached = "breached";
    public const string Warning = "warning";
    public const string Ok = "ok";

    public static TicketSlaRisk From(Guid ticketId, string number, IReadOnlyList<ClockView> clocks)
    {
        var running = clocks.Where(c => c.Status == Domain.ClockStatus.Running).OrderBy(c => c.DueAt ?? DateTimeOffset.MaxValue).FirstOrDefault();
        var risk = clocks.Any(c => c.Breached) ? Breached
            : clocks.Any(c => c.Status == Domain.ClockStatus.Running && c.WarningThresholds.Count > 0 && c.PercentUsed >= c.WarningThresholds.Min()) ? Warning
            : Ok;
        var percent = clocks.Where(c => c.Status is Domain.ClockStatus.Running or Domain.ClockStatus.Paused).Select(c => c.PercentUsed).DefaultIfEmpty(0).Max();
        return new TicketSlaRisk(ticketId, number, risk, percent, running?.DueAt, running?.Metric);
    }
}

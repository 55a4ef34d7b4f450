namespace HelpDesk.Sla.Api;

public sealed record QueueSlaMetrics(
    string? Queue,
    int Tickets,
    DurationStats FirstResponse,
    DurationStats TimeToResolve,
    int ClocksMeasured,
    int ClocksBreached,
    double? BreachRate,
    int TicketsBreached,
    IReadOnlyDictionary<SlaMetric, int> BreachesByMetric,
    int SatisfactionResponses,
    double? SatisfactionAverage);

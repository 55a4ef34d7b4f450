namespace HelpDesk.Web.Gateway;

public sealed record QueueSlaMetrics(
    string? Queue, int Tickets, DurationSummary FirstResponse, DurationSummary TimeToResolve, int ClocksMeasured, int ClocksBreached,
    double? BreachRate, int TicketsBreached, int SatisfactionResponses, double? SatisfactionAverage);

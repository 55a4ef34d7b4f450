namespace HelpDesk.Web.Gateway;

public sealed record SlaMetricsReport(DateTimeOffset From, DateTimeOffset To, string? Queue, QueueSlaMetrics Overall, IReadOnlyList<QueueSlaMetrics> Queues);

namespace HelpDesk.Sla.Domain;

/// <summary>A validated policy.</summary>
public sealed record SlaPolicy(
    string Name,
    string Calendar,
    IReadOnlySet<TicketType> Types,
    IReadOnlySet<TicketPriority> Priorities,
    IReadOnlySet<string> Queues,
    IReadOnlySet<string> Organisations,
    TimeSpan? FirstResponse,
    TimeSpan? Resolution,
    TimeSpan? NextUpdate,
    IReadOnlyList<int> WarningThresholds,
    IReadOnlySet<TicketStatus> PauseStatuses,
    bool RestartResolutionOnReopen)
{
    public int Specificity =>
        (Types.Count > 0 ? 1 : 0) + (Priorities.Count > 0 ? 1 : 0) + (Queues.Count > 0 ? 1 : 0) + (Organisations.Count > 0 ? 1 : 0);

    public bool Matches(TicketType type, TicketPriority priority, string? queue, string? organisation) =>
        (Types.Count == 0 || Types.Contains(type)) &&
        (Priorities.Count == 0 || Priorities.Contains(priority)) &&
        (Queues.Count == 0 || (queue is not null && Queues.Contains(queue))) &&
        (Organisations.Count == 0 || (organisation is not null && Organisations.Contains(organisation)));

    public TimeSpan? TargetFor(SlaMetric metric) => metric switch
    {
        SlaMetric.FirstResponse => FirstResponse,
        SlaMetric.Resolution => Resolution,
        _ => NextUpdate,
    };
}

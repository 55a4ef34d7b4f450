namespace HelpDesk.Sla.Domain;

/// <summary>The SLA view of a ticket after replaying its facts.</summary>
public sealed class TicketSlaState
{
    public string TicketNumber { get; set; } = "";

    public TicketType Type { get; set; }

    public TicketPriority Priority { get; set; } = TicketPriority.Medium;

    public string? Organisation { get; set; }

    public string? Queue { get; set; }

    public string? AssigneeId { get; set; }

    public TicketStatus Status { get; set; }

    public SlaPolicy? Policy { get; set; }

    /// <summary>The policy a catalogue item names for its requests, if any (from routing).</summary>
    public string? ItemPolicy { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? FirstRespondedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public int? SatisfactionScore { get; set; }

    public Dictionary<SlaMetric, ClockState> Clocks { get; } = [];

    public List<TimelineEntry> Timeline { get; } = [];

    /// <summary>During the replay: whether the open clocks stand still in one of the policy's pause states.</summary>
    internal bool ClocksPaused { get; set; }

    /// <summary>During the replay: resolved or closed, so nothing runs until a reopen.</summary>
    internal bool Finished { get; set; }

    /// <summary>During the replay: the priority the ticket was submitted with, before any routing override.</summary>
    internal TicketPriority SubmittedPriority { get; set; } = TicketPriority.Medium;

    internal TicketPriority? PriorityOverride { get; set; }
}

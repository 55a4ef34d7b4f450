using System.Text.Json;

namespace HelpDesk.Sla.Domain;

/// <summary>What this service knows of a ticket: the attributes policies select on and the outcome for metrics.</summary>
public sealed class SlaTicket
{
    public Guid TicketId { get; set; }

    public string TicketNumber { get; set; } = "";

    public TicketType Type { get; set; }

    public TicketPriority Priority { get; set; }

    public string? Organisation { get; set; }

    public string? Queue { get; set; }

    public string? AssigneeId { get; set; }

    public TicketStatus Status { get; set; }

    public string? Policy { get; set; }

    /// <summary>Null until TicketSubmitted arrived (other lifecycle events may come first).</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? FirstRespondedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public int? SatisfactionScore { get; set; }

    /// <summary>The explained clock history (JSON list of <see cref="TimelineEntry"/>), rebuilt on every lifecycle event.</summary>
    public string Timeline { get; set; } = "[]";

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }

    /// <summary>Takes what the replay of the ticket's facts says.</summary>
    public void Record(TicketSlaState state, DateTimeOffset now)
    {
        TicketNumber = state.TicketNumber;
        Type = state.Type;
        Priority = state.Priority;
        Organisation = state.Organisation;
        Queue = state.Queue;
        AssigneeId = state.AssigneeId;
        Status = state.Status;
        Policy = state.Policy?.Name;
        SubmittedAt = state.SubmittedAt;
        FirstRespondedAt = state.FirstRespondedAt;
        ResolvedAt = state.ResolvedAt;
        ClosedAt = state.ClosedAt;
        SatisfactionScore = state.SatisfactionScore;
        Timeline = JsonSerializer.Serialize(state.Timeline, SlaJson.Options);
        UpdatedAt = now;
        Version++;
    }

    public IReadOnlyList<TimelineEntry> ReadTimeline() =>
        JsonSerializer.Deserialize<List<TimelineEntry>>(Timeline, SlaJson.Options) ?? [];
}

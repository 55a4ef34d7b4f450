namespace HelpDesk.Contracts;

// The approval engine (Routing) serves catalogue requests and changes alike. A change enters approval when its
// lifecycle (Intake) publishes ChangeApprovalRequested; the engine answers with TicketApprovalDecided.

public enum ChangeRisk { Low, Medium, High }

/// <summary>A change asks for authorisation: its risk picks the approval stages (high risk adds the CAB stage).</summary>
public sealed record ChangeApprovalRequested(
    Guid TicketId,
    string TicketNumber,
    ChangeRisk Risk,
    DateTimeOffset? ScheduledStart,
    DateTimeOffset? ScheduledEnd,
    string Summary,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? Language = null);

/// <summary>
/// An approval stage ran late: <paramref name="Action"/> is "reminded", "escalated" or "rejected" (timeout without
/// anyone to escalate to). The approvers themselves are asked through TicketApprovalRequested.
/// </summary>
public sealed record ApprovalStageOverdue(
    Guid TicketId,
    string TicketNumber,
    int Stage,
    string StageName,
    string Action,
    DateTimeOffset At,
    string? EscalatedTo = null);

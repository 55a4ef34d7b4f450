namespace HelpDesk.Contracts;

// The approval engine (Routing) serves catalogue requests and changes alike. A change enters approval when its
// lifecycle (Intake) publishes ChangeApprovalRequested; the engine answers with TicketApprovalDecided.

public enum ChangeRisk { Low, Medium, High }

/// <summary>
/// A change asks for authorisation: its risk picks the approval stages (high risk adds the CAB stage).
/// <paramref name="TicketVersion"/> is the ticket's version after the change entered AwaitingApproval: with
/// <see cref="ChangeApprovalWithdrawn"/> it orders a round against a pull-back that the broker delivers out of order.
/// </summary>
public sealed record ChangeApprovalRequested(
    Guid TicketId,
    string TicketNumber,
    ChangeRisk Risk,
    DateTimeOffset? ScheduledStart,
    DateTimeOffset? ScheduledEnd,
    string Summary,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? Language = null,
    long? TicketVersion = null);

/// <summary>
/// A change was pulled back from AwaitingApproval to Assessment: its open approval round closes (no more reminders,
/// its links die). A round requested at a higher <paramref name="TicketVersion"/> (a quick re-submission that overtook
/// this event) is left alone; a request at a lower version arriving later starts nothing.
/// </summary>
public sealed record ChangeApprovalWithdrawn(
    Guid TicketId,
    string TicketNumber,
    long TicketVersion,
    string WithdrawnBy,
    string? Reason,
    DateTimeOffset WithdrawnAt);

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

/// <summary>
/// Intake's mailbox received a reply to an approval e-mail whose first line decides (approve/reject in en/fr/it).
/// Routing verifies <paramref name="Token"/> and that <paramref name="Sender"/> holds the seat it names; anyone else is
/// refused (<see cref="ApprovalReplyRefused"/>). <paramref name="EmailMessageId"/> identifies the mail (a re-delivered mail
/// is one message; a second reply is a second message that finds the seat decided).
/// </summary>
public sealed record ApprovalReplyReceived(
    string Token,
    string Sender,
    bool Approve,
    string? Comment,
    string EmailMessageId,
    DateTimeOffset ReceivedAt);

/// <summary>
/// An e-mail reply did not decide: <paramref name="Reason"/> is "not-approver", "already-decided", "not-pending",
/// "withdrawn" or "unknown". Notifications answers the sender; Routing logs it.
/// </summary>
public sealed record ApprovalReplyRefused(
    Guid TicketId,
    string TicketNumber,
    string Sender,
    string Reason,
    string Detail,
    DateTimeOffset At,
    string? Language = null) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => At;
}

namespace HelpDesk.Intake.Domain;

/// <summary>
/// The state machine of each ticket type (drawn in docs/itil.md). Incidents, service requests and problems share the
/// working lifecycle (a problem never waits on a customer); a change runs assessment → approval → schedule →
/// implementation → review, and only the approval engine (events) moves it out of AwaitingApproval.
/// </summary>
public static class TicketLifecycle
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> Working = new()
    {
        [TicketStatus.New] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.PendingCustomer, TicketStatus.Resolved],
        [TicketStatus.Assigned] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.PendingCustomer, TicketStatus.Resolved],
        [TicketStatus.InProgress] = [TicketStatus.Assigned, TicketStatus.PendingCustomer, TicketStatus.Resolved],
        [TicketStatus.PendingCustomer] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Resolved],
        [TicketStatus.Resolved] = [TicketStatus.Closed, TicketStatus.InProgress],
        [TicketStatus.Closed] = [],
    };

    private static readonly Dictionary<TicketStatus, TicketStatus[]> Problem = new()
    {
        [TicketStatus.New] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Resolved],
        [TicketStatus.Assigned] = [TicketStatus.Assigned, TicketStatus.InProgress, TicketStatus.Resolved],
        [TicketStatus.InProgress] = [TicketStatus.Assigned, TicketStatus.Resolved],
        [TicketStatus.Resolved] = [TicketStatus.Closed, TicketStatus.InProgress],
        [TicketStatus.Closed] = [],
    };

    private static readonly Dictionary<TicketStatus, TicketStatus[]> Change = new()
    {
        [TicketStatus.New] = [TicketStatus.Assessment, TicketStatus.Cancelled],
        [TicketStatus.Assessment] = [TicketStatus.AwaitingApproval, TicketStatus.Cancelled],
        [TicketStatus.AwaitingApproval] = [TicketStatus.Scheduled, TicketStatus.Rejected, TicketStatus.Assessment, TicketStatus.Cancelled],
        [TicketStatus.Scheduled] = [TicketStatus.Implementing, TicketStatus.Assessment, TicketStatus.Cancelled],
        [TicketStatus.Implementing] = [TicketStatus.Review],
        [TicketStatus.Review] = [TicketStatus.Closed],
        [TicketStatus.Rejected] = [TicketStatus.Assessment, TicketStatus.Closed],
        [TicketStatus.Closed] = [],
        [TicketStatus.Cancelled] = [],
    };

    /// <summary>Moves out of AwaitingApproval that only an approval decision (an event from the approval engine) may make.</summary>
    private static readonly TicketStatus[] DecidedByApproval = [TicketStatus.Scheduled, TicketStatus.Rejected];

    /// <summary>The statuses a type can be in, in the order a ticket usually meets them.</summary>
    public static IReadOnlyCollection<TicketStatus> StatusesOf(TicketType type) => MachineOf(type).Keys;

    /// <summary>Where a ticket of <paramref name="type"/> may go from <paramref name="from"/> (empty for a final or foreign status).</summary>
    public static IReadOnlyList<TicketStatus> Next(TicketType type, TicketStatus from) =>
        MachineOf(type).TryGetValue(from, out var next) ? next : [];

    public static bool Allows(TicketType type, TicketStatus from, TicketStatus to) => Next(type, from).Contains(to);

    /// <summary>Closed and Cancelled end a ticket: nothing changes it afterwards (a merge undo restores a merged duplicate).</summary>
    public static bool IsFinal(TicketStatus status) => status is TicketStatus.Closed or TicketStatus.Cancelled;

    /// <summary>The work is done (counts as finished for loads and clocks): resolved or final.</summary>
    public static bool IsDone(TicketStatus status) => status is TicketStatus.Resolved || IsFinal(status);

    /// <summary>True when only the approval engine may make this move (a change leaving AwaitingApproval as decided).</summary>
    public static bool IsApprovalDecision(TicketType type, TicketStatus from, TicketStatus to) =>
        type == TicketType.Change && from == TicketStatus.AwaitingApproval && DecidedByApproval.Contains(to);

    /// <summary>The status a ticket of this type waits in after an assignment: changes keep their own stage.</summary>
    public static bool MovesToAssignedOnAssignment(TicketType type, TicketStatus status) => type != TicketType.Change && status == TicketStatus.New;

    private static Dictionary<TicketStatus, TicketStatus[]> MachineOf(TicketType type) => type switch
    {
        TicketType.Change => Change,
        TicketType.Problem => Problem,
        _ => Working,
    };
}

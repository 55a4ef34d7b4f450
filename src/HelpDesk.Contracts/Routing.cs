namespace HelpDesk.Contracts;

public enum ApprovalState { NotRequired, AutoApproved, Pending, Approved, Rejected }

/// <summary>Where a ticket went and why: <paramref name="DecidedBy"/> is "rule:&lt;name&gt;", "model" or "default".</summary>
public sealed record TicketRouted(
    Guid TicketId,
    string TicketNumber,
    string Queue,
    string Category,
    string DecidedBy,
    DateTimeOffset RoutedAt,
    TicketPriority? PriorityOverride = null,
    IReadOnlyList<string>? Tags = null,
    double? Confidence = null,
    ApprovalState Approval = ApprovalState.NotRequired,
    string? Approver = null,
    string? Explanation = null) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => RoutedAt;
}

/// <summary>
/// Routing assigned (or, after an agent's reassignment, confirmed) an agent. <c>AssignmentSequence</c> echoes the
/// <see cref="TicketReassigned.Sequence"/> it answers (null or 0: routing's own first assignment), so Intake never lets
/// an older assignment overwrite a newer one.
/// </summary>
public sealed record TicketAssigned(
    Guid TicketId,
    string TicketNumber,
    string Queue,
    string AgentId,
    string AgentName,
    string Strategy,
    DateTimeOffset AssignedAt,
    string? AgentEmail = null,
    long? AssignmentSequence = null) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => AssignedAt;
}

public sealed record TicketApprovalRequested(Guid TicketId, string TicketNumber, string CatalogItem, string Approver, DateTimeOffset RequestedAt) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => RequestedAt;
}

public sealed record TicketApprovalDecided(Guid TicketId, string TicketNumber, bool Approved, string DecidedBy, DateTimeOffset DecidedAt, string? Reason = null) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => DecidedAt;
}

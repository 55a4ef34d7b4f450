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
    string? Explanation = null,
    string? CatalogItem = null,
    int? CatalogItemVersion = null,
    string? SlaPolicy = null) : ITicketEvent
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

/// <summary>
/// One approver is asked (again, when <paramref name="IsReminder"/>; newly, when <paramref name="IsEscalation"/>) to decide
/// a stage. The signed single-use links decide without signing in; they expire at <paramref name="LinksExpireAt"/>.
/// <paramref name="ReplyToken"/> (signed by Routing, one per seat) becomes the approval mail's Message-ID, so that an
/// e-mail reply from the approver can decide too (see ApprovalReplyIds).
/// </summary>
public sealed record TicketApprovalRequested(
    Guid TicketId,
    string TicketNumber,
    string CatalogItem,
    string Approver,
    DateTimeOffset RequestedAt,
    string? ApproverEmail = null,
    int? Stage = null,
    string? StageName = null,
    string? ApproveUrl = null,
    string? RejectUrl = null,
    DateTimeOffset? LinksExpireAt = null,
    bool IsReminder = false,
    bool IsEscalation = false,
    string? Subject = null,
    string? ReplyToken = null) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => RequestedAt;
}

/// <summary>The approval as a whole was decided (every stage approved, or one rejected or timed out).</summary>
public sealed record TicketApprovalDecided(
    Guid TicketId,
    string TicketNumber,
    bool Approved,
    string DecidedBy,
    DateTimeOffset DecidedAt,
    string? Reason = null,
    string? Via = null,
    bool IsChange = false) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => DecidedAt;
}


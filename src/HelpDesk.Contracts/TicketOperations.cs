namespace HelpDesk.Contracts;

// Agent operations on tickets (issue 17). Additive: consumers that do not know them are unaffected.

/// <summary>One field an agent changed: its name as the API spells it, and the values before and after (as text).</summary>
public sealed record TicketFieldChange(string Field, string? OldValue, string? NewValue);

/// <summary>An agent edited priority, impact, urgency, type, category or tags (<c>Version</c> is the ticket's row version after).</summary>
public sealed record TicketUpdated(
    Guid TicketId,
    string TicketNumber,
    IReadOnlyList<TicketFieldChange> Changes,
    string UpdatedBy,
    DateTimeOffset UpdatedAt,
    int Version,
    string? Queue = null,
    TicketPriority? Priority = null);

/// <summary>
/// An agent handed the ticket to another agent and/or queue. Routing moves its open-ticket counts (from its own record
/// of who held the ticket) and answers with <see cref="TicketAssigned"/> carrying the same <c>Sequence</c>; with no
/// agent given, routing picks one in <c>ToQueue</c> by the queue's strategy. <c>Sequence</c> grows by one per reassignment.
/// </summary>
public sealed record TicketReassigned(
    Guid TicketId,
    string TicketNumber,
    long Sequence,
    string? FromAgentId,
    string? ToAgentId,
    string? ToAgentName,
    string? FromQueue,
    string? ToQueue,
    string ReassignedBy,
    DateTimeOffset ReassignedAt,
    string? Reason = null);

public enum TicketLinkType { DuplicateOf, Related, CausedBy, FixedBy }

/// <summary>A typed link from one ticket to another (the other side shows the inverse).</summary>
public sealed record TicketLinked(Guid TicketId, string TicketNumber, TicketLinkType LinkType, Guid TargetTicketId, string TargetTicketNumber, string LinkedBy, DateTimeOffset LinkedAt);

public sealed record TicketUnlinked(Guid TicketId, string TicketNumber, TicketLinkType LinkType, Guid TargetTicketId, string TargetTicketNumber, string UnlinkedBy, DateTimeOffset UnlinkedAt);

/// <summary>A person now follows a ticket (e.g. the requester of a duplicate merged into it); Notifications adds the watcher.</summary>
public sealed record TicketWatcherAdded(Guid TicketId, string TicketNumber, string Email, DateTimeOffset AddedAt, string? Reason = null);

/// <summary>A duplicate was merged into a target: its comments moved, its requester watches the target, it is closed as duplicate.</summary>
public sealed record TicketMerged(
    Guid SourceTicketId,
    string SourceTicketNumber,
    Guid TargetTicketId,
    string TargetTicketNumber,
    string SourceRequesterEmail,
    int CommentsMoved,
    string MergedBy,
    DateTimeOffset MergedAt,
    DateTimeOffset UndoableUntil) : ITicketEvent
{
    // As a ticket event it is about the duplicate: its requester hears of the merge, its record is closed.
    Guid ITicketEvent.TicketId => SourceTicketId;

    string ITicketEvent.TicketNumber => SourceTicketNumber;

    DateTimeOffset ITicketEvent.OccurredAt => MergedAt;
}

public sealed record TicketMergeUndone(Guid SourceTicketId, string SourceTicketNumber, Guid TargetTicketId, string TargetTicketNumber, string UndoneBy, DateTimeOffset UndoneAt);

/// <summary>
/// A problem's known error (root cause and workaround) is published: the knowledge base keeps one internal article per
/// problem, created on the first publication and updated by later ones (<c>Revision</c> orders them).
/// </summary>
public sealed record ProblemKnownErrorPublished(
    Guid ProblemTicketId,
    string ProblemTicketNumber,
    string Title,
    string RootCause,
    string Workaround,
    string Language,
    string? Category,
    IReadOnlyList<string> Tags,
    long Revision,
    string PublishedBy,
    DateTimeOffset PublishedAt);

/// <summary>Alert storm: N similar incidents in one category and queue within a window; agents are asked to confirm a major incident.</summary>
public sealed record MajorIncidentCandidateRaised(
    Guid MajorIncidentId,
    string Queue,
    string Category,
    string Signature,
    IReadOnlyList<Guid> TicketIds,
    int LinkedCount,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset RaisedAt);

public sealed record MajorIncidentConfirmed(Guid MajorIncidentId, string Queue, string Category, int LinkedCount, string ConfirmedBy, DateTimeOffset ConfirmedAt);

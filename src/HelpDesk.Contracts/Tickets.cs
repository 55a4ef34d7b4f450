namespace HelpDesk.Contracts;

// Integration events are immutable and past tense. Evolve them by adding optional members only:
// consumers deployed earlier must keep reading what newer publishers send.
// Quiet = true: another event announces the same change to people (a merge, a problem's resolution, a major incident's
// update); Notifications updates its projection but sends nothing for it. Every other consumer treats it as usual.

public enum TicketType { Incident, ServiceRequest, Problem, Change }

public enum TicketChannel { Portal, Email, Chat, Phone, Api, Monitoring }

/// <summary>ITIL levels: how widely (impact) and how soon (urgency) the business is hurt.</summary>
public enum ImpactLevel { High, Medium, Low }

public enum UrgencyLevel { High, Medium, Low }

/// <summary>P1 (critical) to P4 (low), derived from impact × urgency unless overridden by routing.</summary>
public enum TicketPriority { Critical = 1, High = 2, Medium = 3, Low = 4 }

/// <summary>
/// Every status any ticket type can be in; which ones a type uses, and how it moves between them, is Intake's
/// state machine per type (docs/itil.md). Values are only ever appended (Assessment … Cancelled are Change's).
/// </summary>
public enum TicketStatus { New, Assigned, InProgress, PendingCustomer, Resolved, Closed, Assessment, AwaitingApproval, Scheduled, Implementing, Review, Rejected, Cancelled }

public enum CommentAuthorKind { Requester, Agent, System }

public sealed record Requester(string Email, string? Name = null, string? Organisation = null);

public sealed record TicketSubmitted(
    Guid TicketId,
    string TicketNumber,
    TicketType Type,
    TicketChannel Channel,
    TicketPriority Priority,
    Requester Requester,
    string Subject,
    string Description,
    IReadOnlyList<string> Tags,
    string Language,
    DateTimeOffset SubmittedAt,
    ImpactLevel Impact = ImpactLevel.Medium,
    UrgencyLevel Urgency = UrgencyLevel.Medium,
    string? CatalogItem = null,
    string? Portal = null,
    int? CatalogItemVersion = null,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Answers = null,
    string? RequesterManager = null) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => SubmittedAt;
}


public sealed record TicketStatusChanged(
    Guid TicketId,
    string TicketNumber,
    TicketStatus From,
    TicketStatus To,
    DateTimeOffset ChangedAt,
    string? ChangedBy = null,
    string? Reason = null,
    bool Quiet = false) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => ChangedAt;
}

public sealed record TicketCommented(
    Guid TicketId,
    string TicketNumber,
    Guid CommentId,
    string Author,
    CommentAuthorKind AuthorKind,
    bool IsPublic,
    string Body,
    DateTimeOffset CommentedAt,
    bool IsFirstResponse = false,
    bool Quiet = false) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => CommentedAt;
}

public sealed record TicketResolved(Guid TicketId, string TicketNumber, DateTimeOffset ResolvedAt, string? Resolution = null, string? ResolvedBy = null, bool Quiet = false) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => ResolvedAt;
}

public sealed record TicketClosed(Guid TicketId, string TicketNumber, DateTimeOffset ClosedAt, bool Quiet = false) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => ClosedAt;
}

public sealed record TicketReopened(Guid TicketId, string TicketNumber, DateTimeOffset ReopenedAt, string? Reason = null) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => ReopenedAt;
}

/// <summary>Customer satisfaction given after resolution: a score of 1–5 and an optional comment.</summary>
public sealed record TicketRated(Guid TicketId, string TicketNumber, int Score, DateTimeOffset RatedAt, string? Comment = null) : ITicketEvent
{
    DateTimeOffset ITicketEvent.OccurredAt => RatedAt;
}

using HelpDesk.Contracts;

namespace HelpDesk.Intake.Tickets;

/// <summary>The ticket record; Intake is its only owner and writer.</summary>
public sealed class Ticket
{
    public Guid Id { get; set; }

    /// <summary>Allocated from <see cref="TicketNumberAllocation"/>: orders tickets for keyset pagination and yields <see cref="Number"/>.</summary>
    public long Sequence { get; set; }

    public required string Number { get; set; }

    public TicketType Type { get; set; }

    public TicketChannel Channel { get; set; }

    public TicketStatus Status { get; set; }

    public TicketPriority Priority { get; set; }

    public ImpactLevel Impact { get; set; } = ImpactLevel.Medium;

    public UrgencyLevel Urgency { get; set; } = UrgencyLevel.Medium;

    public required string RequesterEmail { get; set; }

    public string? RequesterName { get; set; }

    public string? RequesterOrganisation { get; set; }

    public required string Subject { get; set; }

    public required string Description { get; set; }

    public string Language { get; set; } = "en";

    public List<string> Tags { get; set; } = [];

    public List<TicketAttachment> Attachments { get; set; } = [];

    public string? CatalogItem { get; set; }

    public string? Portal { get; set; }

    /// <summary>API key id the gateway forwarded (X-HelpDesk-Client-Id), "email" for the IMAP channel, "anonymous" otherwise.</summary>
    public string SubmittedBy { get; set; } = "anonymous";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set from TicketRouted: the routing service decides, Intake records.</summary>
    public string? Queue { get; set; }

    public string? Category { get; set; }

    public string? RoutedBy { get; set; }

    public string? AssigneeId { get; set; }

    public string? AssigneeName { get; set; }

    public DateTimeOffset? FirstRespondedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? Resolution { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public int ReopenCount { get; set; }

    public int? SatisfactionScore { get; set; }

    public string? SatisfactionComment { get; set; }

    public DateTimeOffset? RatedAt { get; set; }

    /// <summary>Concurrency token: bumped by every change, so two agents cannot both apply conflicting transitions.</summary>
    public int Version { get; set; }
}

/// <summary>Metadata of a file stored elsewhere (the channel keeps the bytes; Intake keeps where and what).</summary>
public sealed class TicketAttachment
{
    public required string Name { get; set; }

    public string? ContentType { get; set; }

    public long SizeBytes { get; set; }

    public string? Url { get; set; }
}

public sealed class TicketComment
{
    public Guid Id { get; set; }

    public Guid TicketId { get; set; }

    public required string Author { get; set; }

    public CommentAuthorKind AuthorKind { get; set; }

    public bool IsPublic { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool IsFirstResponse { get; set; }

    /// <summary>Message-ID of the e-mail the comment came from, so later replies can thread on it.</summary>
    public string? EmailMessageId { get; set; }
}

/// <summary>
/// One row per allocated ticket number. The database generates the value (SQLite AUTOINCREMENT, PostgreSQL
/// identity sequence), so numbers are unique across concurrent requests and replicas; a rolled-back
/// submission leaves a gap, which is acceptable.
/// </summary>
public sealed class TicketNumberAllocation
{
    public long Value { get; set; }

    public DateTimeOffset AllocatedAt { get; set; }
}

/// <summary>
/// What a client's Idempotency-Key produced: the hash of the request it came with and the exact response,
/// replayed for a retry with the same body.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string ClientId { get; set; }

    public required string Key { get; set; }

    public required string RequestHash { get; set; }

    public Guid TicketId { get; set; }

    public int StatusCode { get; set; }

    public required string ResponseBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

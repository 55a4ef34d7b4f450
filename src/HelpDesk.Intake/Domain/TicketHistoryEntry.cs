namespace HelpDesk.Intake.Domain;

/// <summary>
/// One change to a ticket, kept for the ticket's lifetime (unlike the outbox, which is purged): who, when, from which
/// channel, which field, the value before and after. Written in the same transaction as the change and its events.
/// </summary>
public sealed class TicketHistoryEntry
{
    public const int ValueMaxLength = 1000;

    /// <summary>Allocated by the database: orders a ticket's history and pages it.</summary>
    public long Id { get; init; }

    public Guid TicketId { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The caller's id (a person's subject, an API key's id) or the service that changed it ("routing").</summary>
    public required string ActorId { get; init; }

    public required string Actor { get; init; }

    /// <summary>Where the change came from: the caller's channel (portal, email, api…), or "routing", "approval", "system".</summary>
    public required string Channel { get; init; }

    /// <summary>What changed: status, assignee, queue, priority, impact, urgency, type, category, tags, comment, link, merge…</summary>
    public required string Field { get; init; }

    public string? OldValue { get; init; }

    public string? NewValue { get; init; }

    public string? Detail { get; init; }
}

namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// The outcome of one ticket of a bulk operation, keyed by (client, Idempotency-Key, ticket) and written in the same
/// transaction as that ticket's change: a retried request replays what was done and only does what was not.
/// </summary>
public sealed class BulkOperationItem
{
    public required string ClientId { get; init; }

    public required string Key { get; init; }

    public Guid TicketId { get; init; }

    /// <summary>SHA-256 of the normalised request: the same key with another request is refused.</summary>
    public required string RequestHash { get; init; }

    public bool Applied { get; init; }

    public string? Error { get; init; }

    public int? Version { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

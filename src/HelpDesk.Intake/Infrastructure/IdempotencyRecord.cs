namespace HelpDesk.Intake.Infrastructure;

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

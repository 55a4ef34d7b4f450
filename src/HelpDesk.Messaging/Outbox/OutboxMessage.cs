namespace HelpDesk.Messaging.Outbox;

/// <summary>
/// An integration event written in the same transaction as the state change that caused it,
/// published later by <see cref="OutboxDispatcher{TContext}"/>. Its <see cref="MessageId"/> becomes the
/// bus message id, so a republish after a crash is recognised by every consumer's inbox.
/// </summary>
public sealed class OutboxMessage
{
    public long Sequence { get; set; }

    public Guid MessageId { get; set; }

    /// <summary>"Namespace.Type, Assembly" without version, so upgrades can still read old rows.</summary>
    public required string MessageType { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>Claim held by one dispatcher (replica) until this instant; an expired claim can be taken over.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public Guid? LockedBy { get; set; }

    /// <summary>W3C traceparent of the request that wrote the event, so the trace continues across the bus.</summary>
    public string? TraceParent { get; set; }

    /// <summary>Ticket the event concerns, for operators looking at a stuck row.</summary>
    public Guid? TicketId { get; set; }
}

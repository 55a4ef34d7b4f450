namespace HelpDesk.Messaging.Outbox;

/// <summary>
/// A claim whose rows were all published but are not marked dispatched yet: the mark rides on the dispatcher's next
/// claim (one commit for both) or is written alone when no claim follows soon.
/// </summary>
internal sealed record OutboxPendingMark(OutboxClaim Claim, DateTimeOffset DispatchedAt);

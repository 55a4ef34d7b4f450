namespace HelpDesk.Notifications.Infrastructure;

/// <summary>
/// One claimed delivery after its send, waiting to be recorded: the attempt (its number is given when recorded),
/// what the send gave, how long to postpone when the endpoint's circuit was open, and the send's trace for the event.
/// </summary>
public sealed record SentDelivery(Delivery Delivery, DeliveryAttempt Attempt, AttemptResult Result, TimeSpan? PostponeFor, string? TraceParent);

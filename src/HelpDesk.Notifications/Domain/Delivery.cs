namespace HelpDesk.Notifications.Domain;

/// <summary>
/// One notification to one recipient on one channel. Written by consumers in the inbox transaction;
/// sent by <see cref="Infrastructure.DeliveryWorker"/>. Content is rendered when the event is consumed, so a retry
/// or replay sends exactly what was decided then.
/// </summary>
public sealed class Delivery
{
    public Guid Id { get; set; }

    public Guid EventMessageId { get; set; }

    public required string EventType { get; set; }

    public Guid? TicketId { get; set; }

    public string? TicketNumber { get; set; }

    public NotificationChannel Channel { get; set; }

    /// <summary>E-mail address, or "webhook:{endpointId}".</summary>
    public required string Recipient { get; set; }

    public Guid? WebhookEndpointId { get; set; }

    public string? Language { get; set; }

    public string? Subject { get; set; }

    /// <summary>Text part of an e-mail, or the JSON body of a webhook.</summary>
    public required string Body { get; set; }

    public string? HtmlBody { get; set; }

    public DeliveryStatus Status { get; set; }

    /// <summary>Failed attempts since creation or the last replay; dead-letters at the configured maximum.</summary>
    public int AttemptCount { get; set; }

    public int ReplayCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Which worker holds the delivery while sending, and until when (a crashed worker's lease expires).</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>An approval mail's reply token (Routing's, per seat): it becomes the Message-ID so a reply can decide.
    /// Declared last: SQLite appends a column added by a migration, and a schema created whole from the model follows declaration order.</summary>
    public string? ReplyToken { get; set; }

    public List<DeliveryAttempt> Attempts { get; set; } = [];

    /// <summary>
    /// Records one send attempt and releases the lease. Delivered: done. Postponed (the endpoint's circuit is open):
    /// tried again later without counting a failure. Failed: retried with back-off, dead-lettered after
    /// <see cref="DeliveryOptions.MaxAttempts"/> or at once when nothing can change (a permanent failure).
    /// Returns the event to publish (none when postponed).
    /// </summary>
    public IReadOnlyList<object> Record(DeliveryAttempt attempt, AttemptResult result, TimeSpan? postponeFor, DateTimeOffset now, DeliveryOptions retry)
    {
        LeaseOwner = null;
        LeaseUntil = null;
        if (result.Success)
        {
            attempt.Outcome = AttemptOutcome.Succeeded;
            Status = DeliveryStatus.Delivered;
            DeliveredAt = now;
            LastError = null;
            return [new NotificationDelivered(Id, Channel, Recipient, EventType, AttemptCount + 1, now, TicketId)];
        }
        LastError = attempt.Error;
        if (postponeFor is { } wait)
        {
            attempt.Outcome = AttemptOutcome.Postponed;
            attempt.RetryAt = now + wait;
            NextAttemptAt = attempt.RetryAt.Value;
            return [];
        }
        attempt.Outcome = AttemptOutcome.Failed;
        AttemptCount++;
        var deadLetter = result.Permanent || AttemptCount >= retry.MaxAttempts;
        if (deadLetter)
        {
            Status = DeliveryStatus.DeadLettered;
        }
        else
        {
            attempt.RetryAt = now + Backoff.Delay(AttemptCount, retry.BaseDelay, retry.MaxDelay);
            NextAttemptAt = attempt.RetryAt.Value;
        }
        return [new NotificationFailed(Id, Channel, Recipient, EventType, AttemptCount, attempt.Error ?? "failed", deadLetter, now, TicketId)];
    }
}

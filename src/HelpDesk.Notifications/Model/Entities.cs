using HelpDesk.Contracts;

namespace HelpDesk.Notifications.Model;

/// <summary>What Notifications knows of a ticket, built only from the events it consumes.</summary>
public sealed class TicketProjection
{
    public Guid TicketId { get; set; }

    public required string TicketNumber { get; set; }

    public string? Subject { get; set; }

    public string? RequesterEmail { get; set; }

    public string? RequesterName { get; set; }

    public string Language { get; set; } = "en";

    public string? Queue { get; set; }

    public string? AssigneeId { get; set; }

    public string? AssigneeName { get; set; }

    public string? AssigneeEmail { get; set; }

    public string? Approver { get; set; }

    public TicketStatus? Status { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class TicketWatcher
{
    public Guid TicketId { get; set; }

    public required string Email { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>Which recipient roles hear an event type; absent rows fall back to <see cref="NotificationEventTypes"/> defaults.</summary>
public sealed class SubscriptionRule
{
    public required string EventType { get; set; }

    /// <summary>Comma-separated <see cref="RecipientRole"/> names.</summary>
    public string Roles { get; set; } = "";
}

/// <summary>An address that receives a queue's notifications (a team mailbox or a member).</summary>
public sealed class QueueContact
{
    public required string Queue { get; set; }

    public required string Email { get; set; }
}

public sealed class UserPreference
{
    public required string Email { get; set; }

    public string? Language { get; set; }

    /// <summary>Comma-separated "eventType:channel" pairs the person does not want ("*" matches any).</summary>
    public string OptOuts { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class TemplateOverride
{
    public required string EventType { get; set; }

    public required string Language { get; set; }

    public required string Subject { get; set; }

    public required string Text { get; set; }

    public string? Html { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class WebhookEndpoint
{
    public Guid Id { get; set; }

    public required string Url { get; set; }

    public required string Secret { get; set; }

    /// <summary>Comma-separated event types; "*" means every event.</summary>
    public string EventTypes { get; set; } = "*";

    public string? Description { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public IReadOnlyList<string> EventTypeList => EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Subscribes(string eventType) =>
        EventTypeList.Any(t => t == "*" || string.Equals(t, eventType, StringComparison.OrdinalIgnoreCase));
}

public enum RecipientRole { Requester, Assignee, Queue, Watchers, Approver }

public enum DeliveryStatus { Pending, Delivered, DeadLettered }

public enum AttemptOutcome { Succeeded, Failed, Postponed }

/// <summary>
/// One notification to one recipient on one channel. Written by consumers in the inbox transaction;
/// sent by <see cref="Sending.DeliveryWorker"/>. Content is rendered when the event is consumed, so a retry
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

    public List<DeliveryAttempt> Attempts { get; set; } = [];
}

public sealed class DeliveryAttempt
{
    public Guid Id { get; set; }

    public Guid DeliveryId { get; set; }

    /// <summary>1-based across the delivery's whole life, replays included.</summary>
    public int Number { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public AttemptOutcome Outcome { get; set; }

    public double LatencyMs { get; set; }

    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    /// <summary>When the next attempt was scheduled after this one (failed or postponed).</summary>
    public DateTimeOffset? RetryAt { get; set; }
}

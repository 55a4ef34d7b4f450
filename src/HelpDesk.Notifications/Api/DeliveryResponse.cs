namespace HelpDesk.Notifications.Api;

public sealed record DeliveryResponse(
    Guid Id,
    Guid EventMessageId,
    string EventType,
    Guid? TicketId,
    string? TicketNumber,
    NotificationChannel Channel,
    string Recipient,
    Guid? WebhookEndpointId,
    string? Language,
    string? Subject,
    DeliveryStatus Status,
    int AttemptCount,
    int ReplayCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    string? LastError,
    IReadOnlyList<AttemptResponse> Attempts);

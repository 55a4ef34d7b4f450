namespace HelpDesk.Contracts;

public enum NotificationChannel { Email, Webhook }

public sealed record NotificationDelivered(
    Guid NotificationId,
    NotificationChannel Channel,
    string Recipient,
    string EventType,
    int Attempts,
    DateTimeOffset DeliveredAt,
    Guid? TicketId = null);

public sealed record NotificationFailed(
    Guid NotificationId,
    NotificationChannel Channel,
    string Recipient,
    string EventType,
    int Attempts,
    string Error,
    bool DeadLettered,
    DateTimeOffset FailedAt,
    Guid? TicketId = null);

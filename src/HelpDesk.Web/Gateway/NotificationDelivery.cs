namespace HelpDesk.Web.Gateway;

public sealed record NotificationDelivery(Guid Id, string EventType, string Channel, string Recipient, string? Subject, string Status, int AttemptCount, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, string? LastError);

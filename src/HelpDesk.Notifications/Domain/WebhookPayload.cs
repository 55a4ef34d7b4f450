namespace HelpDesk.Notifications.Domain;

/// <summary>What a webhook receiver gets: the event's id (shared by all endpoints), type, time and fields.</summary>
public sealed record WebhookPayload(Guid Id, string Type, DateTimeOffset OccurredAt, object Data);

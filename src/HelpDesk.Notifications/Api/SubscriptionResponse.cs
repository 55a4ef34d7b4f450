namespace HelpDesk.Notifications.Api;

public sealed record SubscriptionResponse(string EventType, IReadOnlyList<RecipientRole> Roles, bool IsDefault);

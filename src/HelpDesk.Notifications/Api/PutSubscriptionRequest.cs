namespace HelpDesk.Notifications.Api;

public sealed record PutSubscriptionRequest(IReadOnlyList<string>? Roles);

namespace HelpDesk.Notifications.Api;

public sealed record QueueContactsRequest(IReadOnlyList<string>? Emails);

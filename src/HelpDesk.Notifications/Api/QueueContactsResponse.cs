namespace HelpDesk.Notifications.Api;

public sealed record QueueContactsResponse(string Queue, IReadOnlyList<string> Emails);

namespace HelpDesk.Notifications.Api;

public sealed record WatcherRequest(string? Email);

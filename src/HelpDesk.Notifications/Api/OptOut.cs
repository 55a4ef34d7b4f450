namespace HelpDesk.Notifications.Api;

public sealed record OptOut(string EventType, string Channel);

namespace HelpDesk.Notifications.Api;

public sealed record TemplateSummary(string EventType, string Language, string Source);

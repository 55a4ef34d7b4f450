namespace HelpDesk.Notifications.Api;

public sealed record PreviewResponse(string EventType, string Language, string Subject, string Text, string Html);

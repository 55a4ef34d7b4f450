namespace HelpDesk.Notifications.Api;

public sealed record TemplateResponse(string EventType, string Language, string Source, string Subject, string Text, string? Html);

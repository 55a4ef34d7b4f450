namespace HelpDesk.Notifications.Api;

public sealed record PutTemplateRequest(string? Subject, string? Text, string? Html = null);

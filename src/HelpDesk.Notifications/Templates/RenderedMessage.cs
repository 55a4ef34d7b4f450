namespace HelpDesk.Notifications.Templates;

public sealed record RenderedMessage(string Subject, string Text, string Html);

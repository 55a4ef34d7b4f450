namespace HelpDesk.Notifications.Templates;

/// <summary>A message template: Liquid for the subject, the text part and (optionally) the HTML part.</summary>
public sealed record TemplateSet(string Subject, string Text, string? Html = null);

namespace HelpDesk.Notifications.Templates;

/// <summary>A rendering went over one of <see cref="TemplateLimits"/>.</summary>
public sealed class TemplateLimitException(string message) : InvalidOperationException(message);

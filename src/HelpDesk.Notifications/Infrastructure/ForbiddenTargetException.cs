namespace HelpDesk.Notifications.Infrastructure;

/// <summary>Raised when a webhook target resolves only to addresses the service must not call.</summary>
public sealed class ForbiddenTargetException(string message) : Exception(message);

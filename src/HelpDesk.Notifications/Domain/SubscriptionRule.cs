namespace HelpDesk.Notifications.Domain;

/// <summary>Which recipient roles hear an event type; absent rows fall back to <see cref="NotificationEventTypes"/> defaults.</summary>
public sealed class SubscriptionRule
{
    public required string EventType { get; set; }

    /// <summary>Comma-separated <see cref="RecipientRole"/> names.</summary>
    public string Roles { get; set; } = "";
}

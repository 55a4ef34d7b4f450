namespace HelpDesk.Notifications;

/// <summary>Configuration section "Notifications".</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Language for staff recipients (assignee, queue, approver) without a preference.</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>
    /// How long a replica plans events with the settings (subscription rules, templates, webhook endpoints, queue
    /// contacts) it last read: a change made through another replica reaches it within this. Zero reads them for every event.
    /// </summary>
    public TimeSpan SettingsCacheDuration { get; set; } = TimeSpan.FromSeconds(2);

    public EmailOptions Email { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();

    public DeliveryOptions Delivery { get; set; } = new();
}

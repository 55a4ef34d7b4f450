namespace HelpDesk.Notifications;

/// <summary>Configuration section "Notifications".</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Language for staff recipients (assignee, queue, approver) without a preference.</summary>
    public string DefaultLanguage { get; set; } = "en";

    public EmailOptions Email { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();

    public DeliveryOptions Delivery { get; set; } = new();
}

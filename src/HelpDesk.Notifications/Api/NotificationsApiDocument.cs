using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Notifications.Api;

/// <summary>The service's published OpenAPI document (docs/openapi/notifications.json, /openapi/notifications.json at the gateway).</summary>
public static class NotificationsApiDocument
{
    public static readonly ServiceApiDocument Document = new(
        "notifications",
        "Notifications",
        "Who hears about what: notification templates (Liquid), subscriptions, webhooks and the delivery log.",
        typeof(NotificationsApiDocument).Assembly,
        new Dictionary<string, string>
        {
            ["Notifications"] = "Templates, subscriptions, webhooks and deliveries of notifications.",
        });
}

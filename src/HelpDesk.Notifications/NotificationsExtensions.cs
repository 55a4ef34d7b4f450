using HelpDesk.Messaging.Persistence;

namespace HelpDesk.Notifications;

public static class NotificationsExtensions
{
    public const string DatabaseName = "notificationsdb";

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.AddServiceApiDocument(HelpDesk.Notifications.Api.NotificationsApiDocument.Document);
        // Every request must carry the identity the gateway verified and signed; anything else is 401.
        builder.AddServiceAuthentication();
        DefaultTemplates.EnsureComplete();
        builder.AddServiceDatabase<NotificationsDbContext>(DatabaseName);
        builder.Services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section)
            .PostConfigure(o => o.Email.ReplySecret ??= builder.Configuration[ServiceDefaults.ReplyTokens.SecretKey])
            .Validate(o => o.SettingsCacheDuration >= TimeSpan.Zero, "Notifications:SettingsCacheDuration must be zero or more.")
            .ValidateOnStart();
        builder.Services.AddOptions<TemplateLimits>().BindConfiguration(TemplateLimits.Section)
            .Validate(l => l.MaxSteps > 0 && l.MaxRecursion > 0 && l.MaxOutputChars > 0 && l.RenderTimeout > TimeSpan.Zero && l.MaxCachedTemplates > 0, "Notifications:Templates limits must all be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TemplateRenderer>();
        builder.Services.AddSingleton<NotificationSettingsCache>();
        builder.Services.AddSingleton<DeliveryPlanner>();
        builder.Services.AddSingleton<RequesterHold>();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<DeliveryRecorder>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<EndpointCircuitBreakers>();
        builder.Services.AddHostedService<DeliveryWorker>();
        builder.Services.AddHostedService<HeldNotificationMonitor>();
        builder.AddMessageConsumers(bus =>
        {
            bus.AddNotificationConsumers();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        group.MapWebhooks();
        group.MapDeliveries();
        group.MapHeldNotifications();
        group.MapTemplates();
        group.MapRecipients();
        return app;
    }
}

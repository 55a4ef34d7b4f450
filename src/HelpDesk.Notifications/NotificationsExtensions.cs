using HelpDesk.Messaging.Persistence;

namespace HelpDesk.Notifications;

public static class NotificationsExtensions
{
    public const string DatabaseName = "notificationsdb";

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        DefaultTemplates.EnsureComplete();
        builder.AddServiceDatabase<NotificationsDbContext>(DatabaseName);
        builder.Services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section);
        builder.Services.AddSingleton<TemplateRenderer>();
        builder.Services.AddSingleton<DeliveryPlanner>();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<EndpointCircuitBreakers>();
        builder.Services.AddHostedService<DeliveryWorker>();
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
        group.MapTemplates();
        group.MapRecipients();
        return app;
    }
}

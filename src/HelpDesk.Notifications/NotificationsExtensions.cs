using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Notifications.Api;
using HelpDesk.Notifications.Consumers;
using HelpDesk.Notifications.Sending;
using HelpDesk.Notifications.Templates;

namespace HelpDesk.Notifications;

public static class NotificationsExtensions
{
    public const string DatabaseName = "notificationsdb";

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        // Every request must carry the identity the gateway verified and signed; anything else is 401.
        builder.AddServiceAuthentication();
        DefaultTemplates.EnsureComplete();
        builder.AddServiceDatabase<NotificationsDbContext>(DatabaseName);
        builder.Services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section)
            .PostConfigure(o => o.Email.ReplySecret ??= builder.Configuration[ServiceDefaults.ReplyTokens.SecretKey]);
        builder.Services.AddOptions<TemplateLimits>().BindConfiguration(TemplateLimits.Section)
            .Validate(l => l.MaxSteps > 0 && l.MaxRecursion > 0 && l.MaxOutputChars > 0 && l.RenderTimeout > TimeSpan.Zero && l.MaxCachedTemplates > 0, "Notifications:Templates limits must all be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TemplateRenderer>();
        builder.Services.AddSingleton<DeliveryPlanner>();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<EndpointCircuitBreakers>();
        builder.Services.AddHostedService<DeliveryWorker>();
        builder.AddMessageConsumers(bus =>
        {
            bus.AddConsumer<NotifyTicketSubmitted>();
            bus.AddConsumer<NotifyTicketStatusChanged>();
            bus.AddConsumer<NotifyTicketCommented>();
            bus.AddConsumer<NotifyTicketResolved>();
            bus.AddConsumer<NotifyTicketClosed>();
            bus.AddConsumer<NotifyTicketMerged>();
            bus.AddConsumer<NotifyMajorIncidentRaised>();
            bus.AddConsumer<AddWatcherOnTicket>();
            bus.AddConsumer<NotifyTicketReopened>();
            bus.AddConsumer<NotifyTicketRouted>();
            bus.AddConsumer<NotifyTicketAssigned>();
            bus.AddConsumer<NotifyTicketApprovalRequested>();
            bus.AddConsumer<NotifySlaWarningRaised>();
            bus.AddConsumer<NotifySlaBreached>();
            bus.AddConsumer<NotifyKbArticlesSuggested>();
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

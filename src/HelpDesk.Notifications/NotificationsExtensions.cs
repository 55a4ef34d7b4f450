using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Notifications;

public static class NotificationsExtensions
{
    public const string DatabaseName = "notificationsdb";

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationsDbContext>(DatabaseName);
        builder.AddMessageConsumers(bus => bus.AddConsumer<NotifyTicketSubmitted>());
        return builder;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        group.MapGet("/tickets/{ticketId:guid}", async Task<Results<Ok<NotificationRecord>, NotFound>> (Guid ticketId, NotificationsDbContext db, CancellationToken cancellationToken) =>
            await db.NotificationRecords.AsNoTracking().FirstOrDefaultAsync(r => r.TicketId == ticketId, cancellationToken) is { } record
                ? TypedResults.Ok(record)
                : TypedResults.NotFound());
        return app;
    }
}

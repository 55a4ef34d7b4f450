using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing;

public static class RoutingExtensions
{
    public const string DatabaseName = "routingdb";

    public static IHostApplicationBuilder AddRouting(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<RoutingDbContext>(DatabaseName);
        builder.AddMessageConsumers(bus => bus.AddConsumer<RouteSubmittedTicket>());
        return builder;
    }

    public static IEndpointRouteBuilder MapRouting(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/routing").WithTags("Routing");
        group.MapGet("/tickets/{ticketId:guid}", async Task<Results<Ok<RoutingRecord>, NotFound>> (Guid ticketId, RoutingDbContext db, CancellationToken cancellationToken) =>
            await db.RoutingRecords.AsNoTracking().FirstOrDefaultAsync(r => r.TicketId == ticketId, cancellationToken) is { } record
                ? TypedResults.Ok(record)
                : TypedResults.NotFound());
        return app;
    }
}

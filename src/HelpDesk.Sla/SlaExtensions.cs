using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Sla;

public static class SlaExtensions
{
    public const string DatabaseName = "sladb";

    public static IHostApplicationBuilder AddSla(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SlaDbContext>(DatabaseName);
        builder.AddMessageConsumers(bus => bus.AddConsumer<StartSlaClocks>());
        return builder;
    }

    public static IEndpointRouteBuilder MapSla(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sla").WithTags("Sla");
        group.MapGet("/tickets/{ticketId:guid}", async Task<Results<Ok<SlaClockRecord>, NotFound>> (Guid ticketId, SlaDbContext db, CancellationToken cancellationToken) =>
            await db.SlaClockRecords.AsNoTracking().FirstOrDefaultAsync(r => r.TicketId == ticketId, cancellationToken) is { } record
                ? TypedResults.Ok(record)
                : TypedResults.NotFound());
        return app;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Notifications.Api;

/// <summary>Requester notifications held because their event overtook the ticket's TicketSubmitted (see <see cref="RequesterHold"/>).</summary>
public static class HeldNotificationsApi
{
    public static RouteGroupBuilder MapHeldNotifications(this RouteGroupBuilder group)
    {
        // Operators' view: a held row carries a requester's address and content for a ticket whose queue is not known
        // yet, so no queue rule can share it with agents.
        var held = group.MapGroup("/held").RequireScope(HelpDeskScopes.NotificationsAdmin);
        held.MapGet("/", ListAsync).WithName("Held_List")
            .WithSummary("List held requester notifications")
            .WithDescription("Requester notifications waiting for their ticket's submission, oldest first; overdue=true for those held longer than Delivery:HoldAlertAfter.");
        held.MapDelete("/{id:guid}", DiscardAsync).WithName("Held_Discard")
            .WithSummary("Discard a held notification")
            .WithDescription("For a ticket whose submission will never arrive: the requester is not notified of this event.").ProducesProblem(404);
        return group;
    }

    private static async Task<Results<Ok<List<HeldNotificationResponse>>, ValidationProblem>> ListAsync(
        NotificationsDbContext db, TimeProvider time, IOptionsSnapshot<NotificationsOptions> options, CancellationToken cancellationToken,
        TicketRef? ticketId = null, bool? overdue = null, int? limit = null)
    {
        if (limit is < 1 or > 500)
        {
            var validation = new Validation();
            validation.Add("limit", "The limit must be between 1 and 500.");
            return validation.Problem();
        }
        var cutoff = time.GetUtcNow() - options.Value.Delivery.HoldAlertAfter;
        var query = db.HeldNotifications.AsNoTracking();
        if (ticketId is { } ticket)
        {
            var id = await db.Tickets.ResolveAsync(ticket, cancellationToken);
            query = id is not null ? query.Where(h => h.TicketId == id) : query.Where(h => h.TicketNumber == ticket.Number);
        }
        if (overdue is { } wanted)
        {
            query = wanted ? query.Where(h => h.HeldAt < cutoff) : query.Where(h => h.HeldAt >= cutoff);
        }
        var rows = await query.OrderBy(h => h.HeldAt).ThenBy(h => h.Id).Take(limit ?? 100).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(h => new HeldNotificationResponse(h.Id, h.EventMessageId, h.EventType, h.TicketId, h.TicketNumber, h.HeldAt, h.HeldAt < cutoff)).ToList());
    }

    private static async Task<Results<NoContent, NotFound>> DiscardAsync(Guid id, NotificationsDbContext db, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var held = await db.HeldNotifications.FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (held is null)
        {
            return TypedResults.NotFound();
        }
        db.HeldNotifications.Remove(held);
        await db.SaveChangesAsync(cancellationToken);
        loggers.CreateLogger(typeof(HeldNotificationsApi)).LogWarning("Held {EventType} notification for ticket {TicketNumber} (event {EventMessageId}) discarded by an operator",
            held.EventType, held.TicketNumber, held.EventMessageId);
        return TypedResults.NoContent();
    }
}

using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Notifications.Api;

public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveries(this RouteGroupBuilder group)
    {
        var deliveries = group.MapGroup("/deliveries");
        deliveries.MapGet("/", ListAsync).WithName("Deliveries_List")
            .WithSummary("List deliveries")
            .WithDescription("Notifications sent or being sent (e-mail, webhook) with their state. Agents see those of their queues' tickets only.");
        deliveries.MapGet("/{id:guid}", GetAsync).WithName("Deliveries_Get")
            .WithSummary("Get a delivery")
            .WithDescription("One delivery with its attempts and last error.").ProducesProblem(404);
        deliveries.MapPost("/{id:guid}/replay", ReplayAsync).WithName("Deliveries_Replay")
            .WithSummary("Send a delivery again")
            .WithDescription("Queues a failed or dead-lettered delivery again.").ProducesProblem(404).ProducesProblem(409);
        return group;
    }

    private static async Task<Results<Ok<List<DeliveryResponse>>, ValidationProblem>> ListAsync(
        Caller caller, NotificationsDbContext db, CancellationToken cancellationToken,
        TicketRef? ticketId = null, string? status = null, string? channel = null, string? eventType = null, string? recipient = null, int? limit = null)
    {
        var validation = new Validation();
        var statusFilter = ParseName<DeliveryStatus>(status, "status", validation);
        var channelFilter = ParseName<NotificationChannel>(channel, "channel", validation);
        if (limit is < 1 or > 500)
        {
            validation.Add("limit", "The limit must be between 1 and 500.");
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var query = db.Deliveries.AsNoTracking();
        if (!QueueAccess.SeesAll(caller))
        {
            // An agent reads the log of their queues' tickets only; deliveries of no ticket (webhook tests) are the admins'.
            var visible = db.Tickets.VisibleTo(caller).Select(t => (Guid?)t.TicketId);
            query = query.Where(d => d.TicketId != null && visible.Contains(d.TicketId));
        }
        if (ticketId is { } ticket)
        {
            // ?ticketId= takes the ticket's number (HD-000123) as well as its id.
            var id = await db.Tickets.ResolveAsync(ticket, cancellationToken);
            query = id is not null ? query.Where(d => d.TicketId == id) : query.Where(d => d.TicketNumber == ticket.Number);
        }
        if (statusFilter is not null)
        {
            query = query.Where(d => d.Status == statusFilter);
        }
        if (channelFilter is not null)
        {
            query = query.Where(d => d.Channel == channelFilter);
        }
        if (!string.IsNullOrWhiteSpace(eventType))
        {
            query = query.Where(d => d.EventType == eventType);
        }
        if (!string.IsNullOrWhiteSpace(recipient))
        {
            var normalized = recipient.Trim().ToLowerInvariant();
            query = query.Where(d => d.Recipient == normalized);
        }
        // Attempts in the same statement: one snapshot, so a delivery and its attempts are never from either side of a commit.
        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(limit ?? 100).Include(d => d.Attempts).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(ToResponse).ToList());
    }

    private static async Task<Results<Ok<DeliveryResponse>, NotFound>> GetAsync(Guid id, Caller caller, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var row = await db.Deliveries.AsNoTracking().Include(d => d.Attempts).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        var visible = row is not null && (QueueAccess.SeesAll(caller) || await db.Tickets.VisibleTo(caller).AnyAsync(t => t.TicketId == row.TicketId, cancellationToken));
        return visible ? TypedResults.Ok(ToResponse(row!)) : TypedResults.NotFound();
    }

    private static async Task<Results<Accepted<DeliveryResponse>, NotFound, ProblemHttpResult>> ReplayAsync(
        Guid id, NotificationsDbContext db, TimeProvider time, DeliverySignal signal, CancellationToken cancellationToken)
    {
        var delivery = await db.Deliveries.Include(d => d.Attempts).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (delivery is null)
        {
            return TypedResults.NotFound();
        }
        if (delivery.Status == DeliveryStatus.Pending)
        {
            return HttpProblems.Conflict("The delivery is still pending", "Only delivered or dead-lettered notifications can be replayed; this one will be attempted again on its own.");
        }
        if (delivery.WebhookEndpointId is { } endpointId &&
            !await db.WebhookEndpoints.AnyAsync(e => e.Id == endpointId && e.Active, cancellationToken))
        {
            return HttpProblems.Conflict("The webhook endpoint is disabled", "Register the endpoint again; replays go to active endpoints only.");
        }
        var now = time.GetUtcNow();
        delivery.Status = DeliveryStatus.Pending;
        delivery.AttemptCount = 0; // a fresh attempt budget: the operator fixed something
        delivery.ReplayCount++;
        delivery.NextAttemptAt = now;
        delivery.DeliveredAt = null;
        delivery.LeaseOwner = null;
        delivery.LeaseUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        signal.Pulse();
        return TypedResults.Accepted($"/api/v1/notifications/deliveries/{id}", ToResponse(delivery));
    }

    private static DeliveryResponse ToResponse(Delivery d) =>
        new(d.Id, d.EventMessageId, d.EventType, d.TicketId, d.TicketNumber, d.Channel, d.Recipient,
            d.WebhookEndpointId, d.Language, d.Subject, d.Status, d.AttemptCount, d.ReplayCount, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt, d.LastError,
            d.Attempts.OrderBy(a => a.Number).Select(a => new AttemptResponse(a.Number, a.StartedAt, a.Outcome, a.LatencyMs, a.StatusCode, a.Error, a.RetryAt)).ToList());

    /// <summary>A query value naming a member of <typeparamref name="TEnum"/> (case-insensitive; numbers are not names).</summary>
    private static TEnum? ParseName<TEnum>(string? value, string field, Validation validation) where TEnum : struct, Enum
    {
        if (value is null)
        {
            return null;
        }
        if (Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }
        validation.Add(field, $"Use one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return null;
    }
}

using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Sla.Api;

public static class SlaTicketsApi
{
    public static RouteGroupBuilder MapSlaTickets(this RouteGroupBuilder group)
    {
        group.MapGet("/tickets/{ticketId:guid}", GetAsync).WithName("Sla_GetTicket")
            .WithSummary("Get a ticket's SLA clocks")
            .WithDescription("The ticket's response and resolution clocks: targets, time left, paused or breached.").ProducesProblem(404);
        group.MapGet("/tickets", RisksAsync).WithName("Sla_ListTickets")
            .WithSummary("SLA standing of many tickets")
            .WithDescription("The SLA standing of up to 200 tickets at once (a page of an agent's queue): `ids=guid,guid,…`.");
        return group;
    }

    public const int MaxRiskTickets = 200;

    /// <summary>The SLA standing of up to 200 tickets at once (a page of an agent's queue): <c>?ids=guid,guid,…</c>.</summary>
    private static async Task<Results<Ok<List<TicketSlaRisk>>, ValidationProblem>> RisksAsync(
        string? ids, SlaDbContext db, SlaCatalogProvider catalogs, TimeProvider time, CancellationToken cancellationToken)
    {
        var parts = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var wanted = parts.Select(p => Guid.TryParse(p, out var id) ? id : Guid.Empty).Distinct().ToList();
        var validation = new Validation()
            .When(parts.Length == 0, "ids", "Give the ticket ids, comma-separated.")
            .When(parts.Length > MaxRiskTickets, "ids", $"At most {MaxRiskTickets} tickets at once.")
            .When(wanted.Contains(Guid.Empty), "ids", "Every id must be a ticket id (a GUID).");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var clocks = await db.Clocks.AsNoTracking().Where(c => wanted.Contains(c.TicketId)).ToListAsync(cancellationToken);
        var catalog = await catalogs.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var risks = clocks.GroupBy(c => c.TicketId)
            .Select(g => TicketSlaRisk.From(g.Key, g.First().TicketNumber, [.. g.Where(c => c.Cycle == g.Max(x => x.Cycle)).OrderBy(c => c.Metric).Select(c => ToView(c, catalog, now))]))
            .ToList();
        return TypedResults.Ok(risks);
    }

    private static async Task<Results<Ok<TicketSlaView>, NotFound>> GetAsync(
        Guid ticketId, SlaDbContext db, SlaCatalogProvider catalogs, TimeProvider time, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken);
        if (ticket is null)
        {
            return TypedResults.NotFound();
        }
        var clocks = await db.Clocks.AsNoTracking().Where(c => c.TicketId == ticketId).ToListAsync(cancellationToken);
        var firings = await db.Firings.AsNoTracking().Where(f => f.TicketId == ticketId).ToListAsync(cancellationToken);
        var catalog = await catalogs.GetAsync(cancellationToken);
        var now = time.GetUtcNow();

        var views = clocks.OrderBy(c => c.Metric).Select(c => ToView(c, catalog, now)).ToList();
        var timeline = ticket.ReadTimeline()
            .Concat(firings.Select(f => new TimelineEntry(
                f.FiredAt,
                f.ThresholdPercent >= ClockSchedule.BreachPercent ? TimelineKind.Breached : TimelineKind.Warning,
                f.Metric,
                f.ThresholdPercent >= ClockSchedule.BreachPercent
                    ? $"Target breached (due {f.DueAt:O})."
                    : $"{f.ThresholdPercent} % of the target used (reached {f.DueAt:O}).",
                f.Policy)))
            .OrderBy(e => e.At)
            .ToList();

        return TypedResults.Ok(new TicketSlaView(
            ticket.TicketId, ticket.TicketNumber, ticket.Type, ticket.Priority, ticket.Queue, ticket.Organisation,
            ticket.Status, ticket.Policy, ticket.SubmittedAt, views, timeline, now));
    }

    internal static ClockView ToView(SlaClock clock, SlaCatalog catalog, DateTimeOffset now)
    {
        var calendar = catalog.CalendarFor(clock.Calendar);
        var elapsed = clock.Status == ClockStatus.Running && clock.RunningSince is { } since
            ? clock.ElapsedBefore + calendar.WorkingTimeBetween(since, now)
            : clock.ElapsedBefore;
        var paused = TimeSpan.FromTicks(clock.PausedTicks) + (clock.Status == ClockStatus.Paused && clock.PausedSince is { } p && now > p ? now - p : TimeSpan.Zero);
        var percent = clock.TargetTicks == 0 ? 0 : Math.Round(100.0 * elapsed.Ticks / clock.TargetTicks, 1);
        return new ClockView(
            clock.Metric, clock.Policy, clock.Calendar, clock.Target, clock.Status, clock.Cycle, clock.StartedAt, clock.DueAt,
            elapsed, paused, percent, elapsed > clock.Target || clock.LastFiredPercent >= ClockSchedule.BreachPercent,
            clock.CompletedAt, clock.NextDueAt, clock.NextThreshold, clock.ThresholdList);
    }
}

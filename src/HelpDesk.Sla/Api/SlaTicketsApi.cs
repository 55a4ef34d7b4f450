using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Sla.Api;

public static class SlaTicketsApi
{
    public static RouteGroupBuilder MapSlaTickets(this RouteGroupBuilder group)
    {
        group.MapGet("/tickets/{ticketId}", GetAsync).WithName("Sla_GetTicket")
            .WithSummary("Get a ticket's SLA clocks")
            .WithDescription("The ticket's response and resolution clocks: targets, time left, paused or breached. Agents read their queues' tickets; any other ticket is 404.").ProducesProblem(404);
        group.MapGet("/tickets", RisksAsync).WithName("Sla_ListTickets")
            .WithSummary("SLA standing of many tickets")
            .WithDescription("The SLA standing of up to 200 tickets at once (a page of an agent's queue): `ids=` ids or numbers, comma-separated (`guid,HD-000123,…`). Tickets outside an agent's queues are left out.");
        return group;
    }

    public const int MaxRiskTickets = 200;

    /// <summary>The SLA standing of up to 200 tickets at once (a page of an agent's queue): <c>?ids=guid,HD-000123,…</c>.</summary>
    private static async Task<Results<Ok<List<TicketSlaRisk>>, ValidationProblem>> RisksAsync(
        string? ids, Caller caller, SlaDbContext db, SlaCatalogProvider catalogs, TimeProvider time, CancellationToken cancellationToken)
    {
        var parts = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var refs = parts.Select(p => TicketRef.TryParse(p, out var t) ? t : (TicketRef?)null).ToList();
        var validation = new Validation()
            .When(parts.Length == 0, "ids", "Give the tickets, comma-separated ids or numbers (HD-000123).")
            .When(parts.Length > MaxRiskTickets, "ids", $"At most {MaxRiskTickets} tickets at once.")
            .When(refs.Contains(null), "ids", "Every entry must be a ticket id (a GUID) or number (HD-000123).");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var wanted = refs.Where(r => r!.Value.Id is not null).Select(r => r!.Value.Id!.Value).Distinct().ToList();
        var numbers = refs.Where(r => r!.Value.Number is not null).Select(r => r!.Value.Number!).Distinct().ToList();
        if (numbers.Count > 0)
        {
            wanted.AddRange(await db.Tickets.AsNoTracking().Where(t => numbers.Contains(t.TicketNumber)).Select(t => t.TicketId).ToListAsync(cancellationToken));
        }
        if (!QueueAccess.SeesAll(caller))
        {
            // Tickets outside the caller's queues are left out, as if SLA did not know them.
            var records = await db.Tickets.AsNoTracking().Where(t => wanted.Contains(t.TicketId)).Select(t => new { t.TicketId, t.Queue, t.AssigneeId }).ToListAsync(cancellationToken);
            wanted = [.. records.Where(r => QueueAccess.MayRead(caller, r.Queue, r.AssigneeId)).Select(r => r.TicketId)];
        }
        var clocks = await db.Clocks.AsNoTracking().Where(c => wanted.Contains(c.TicketId)).ToListAsync(cancellationToken);
        var catalog = await catalogs.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var risks = clocks.GroupBy(c => c.TicketId)
            .Select(g => TicketSlaRisk.From(g.Key, g.First().TicketNumber, [.. g.Where(c => c.Cycle == g.Max(x => x.Cycle)).OrderBy(c => c.Metric).Select(c => ToView(c, catalog, now))]))
            .ToList();
        return TypedResults.Ok(risks);
    }

    /// <summary>A ticket outside the caller's queues answers 404 (<see cref="QueueAccess"/>).</summary>
    private static async Task<Results<Ok<TicketSlaView>, NotFound>> GetAsync(
        TicketRef ticketId, Caller caller, SlaDbContext db, SlaCatalogProvider catalogs, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await db.Tickets.AsNoTracking().WhereTicket(ticketId).FirstOrDefaultAsync(cancellationToken);
        if (record is null || !QueueAccess.MayRead(caller, record.Queue, record.AssigneeId))
        {
            return TypedResults.NotFound();
        }
        var id = record.TicketId;
        var clocks = await db.Clocks.AsNoTracking().Where(c => c.TicketId == id).ToListAsync(cancellationToken);
        var firings = await db.Firings.AsNoTracking().Where(f => f.TicketId == id).ToListAsync(cancellationToken);
        var catalog = await catalogs.GetAsync(cancellationToken);
        var now = time.GetUtcNow();

        var views = clocks.OrderBy(c => c.Metric).Select(c => ToView(c, catalog, now)).ToList();
        var timeline = record.ReadTimeline()
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
            record.TicketId, record.TicketNumber, record.Type, record.Priority, record.Queue, record.Organisation,
            record.Status, record.Policy, record.SubmittedAt, views, timeline, now));
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

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HelpDesk.Contracts;
using HelpDesk.Sla.Policies;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Sla.Clocks;

/// <summary>Applies a lifecycle fact: stores it, replays the ticket's facts and writes the resulting clocks.</summary>
public sealed class SlaClockStore(SlaCatalogProvider catalogs, TimeProvider time)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Adds the fact (unless the same fact was stored already) and updates the clocks; the caller saves.</summary>
    public async Task<bool> ApplyAsync(SlaDbContext db, SlaFact fact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fact);
        var facts = await db.Facts.AsNoTracking().Where(f => f.TicketId == fact.TicketId).ToListAsync(cancellationToken);
        if (facts.Any(f => f.FactKey == fact.FactKey))
        {
            return false;
        }
        db.Facts.Add(fact);
        facts.Add(fact);
        var catalog = await catalogs.GetAsync(cancellationToken);
        await WriteAsync(db, fact.TicketId, facts, catalog, cancellationToken);
        return true;
    }

    private async Task WriteAsync(SlaDbContext db, Guid ticketId, List<SlaFact> facts, SlaCatalog catalog, CancellationToken cancellationToken)
    {
        var state = SlaClockEngine.Replay(facts, catalog);
        var now = time.GetUtcNow();

        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken);
        if (ticket is null)
        {
            ticket = new SlaTicket { TicketId = ticketId };
            db.Tickets.Add(ticket);
        }
        ticket.TicketNumber = state.TicketNumber;
        ticket.Type = state.Type;
        ticket.Priority = state.Priority;
        ticket.Organisation = state.Organisation;
        ticket.Queue = state.Queue;
        ticket.AssigneeId = state.AssigneeId;
        ticket.Status = state.Status;
        ticket.Policy = state.Policy?.Name;
        ticket.SubmittedAt = state.SubmittedAt;
        ticket.FirstRespondedAt = state.FirstRespondedAt;
        ticket.ResolvedAt = state.ResolvedAt;
        ticket.ClosedAt = state.ClosedAt;
        ticket.SatisfactionScore = state.SatisfactionScore;
        ticket.Timeline = JsonSerializer.Serialize(state.Timeline, JsonOptions);
        ticket.UpdatedAt = now;
        ticket.Version++;

        var rows = await db.Clocks.Where(c => c.TicketId == ticketId).ToListAsync(cancellationToken);
        foreach (var clock in state.Clocks.Values)
        {
            var row = rows.FirstOrDefault(r => r.Metric == clock.Metric);
            if (row is null)
            {
                row = new SlaClock { TicketId = ticketId, Metric = clock.Metric };
                db.Clocks.Add(row);
            }
            var previousDue = row.NextDueAt;
            row.TicketNumber = state.TicketNumber;
            row.Queue = state.Queue;
            row.AssigneeId = state.AssigneeId;
            row.Policy = clock.Policy;
            row.Calendar = clock.Calendar.Name;
            row.TargetTicks = clock.Target.Ticks;
            row.Thresholds = string.Join(',', clock.Thresholds.Select(t => t.ToString(CultureInfo.InvariantCulture)));
            row.Status = clock.Status;
            row.Cycle = clock.Cycle;
            row.StartedAt = clock.StartedAt;
            row.ElapsedBeforeTicks = clock.ElapsedBefore.Ticks;
            row.RunningSince = clock.RunningSince;
            row.PausedSince = clock.PausedSince;
            row.PausedTicks = clock.Paused.Ticks;
            row.CompletedAt = clock.CompletedAt;
            row.TargetReachedAt = clock.TargetReachedAt;
            if (row.FiredCycle != clock.Cycle)
            {
                // A new cycle owes its warnings and breach afresh.
                row.FiredCycle = clock.Cycle;
                row.LastFiredPercent = 0;
            }
            row.DueAt = clock.Status == ClockStatus.Running && clock.RunningSince is { } since
                ? ClockSchedule.InstantOf(ClockSchedule.BreachPercent, clock.Target, clock.ElapsedBefore, since, clock.TargetReachedAt, clock.Calendar)
                : null;
            var next = ClockSchedule.Next(clock.Status, clock.Target, clock.Thresholds, clock.ElapsedBefore, clock.RunningSince, clock.TargetReachedAt, row.LastFiredPercent, clock.Calendar);
            row.NextThreshold = next?.Threshold;
            row.NextDueAt = next?.DueAt;
            row.Version++;
            if (row.NextDueAt != previousDue)
            {
                db.ScheduleChanged = true;
            }
        }
    }

    public static IReadOnlyList<TimelineEntry> ReadTimeline(SlaTicket ticket) =>
        JsonSerializer.Deserialize<List<TimelineEntry>>(ticket?.Timeline ?? "[]", JsonOptions) ?? [];

}

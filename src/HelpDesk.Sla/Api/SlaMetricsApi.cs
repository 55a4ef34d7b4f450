using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Sla.Api;

/// <summary>
/// SLA outcomes of the tickets submitted in [from, to), overall and per queue: first-response and resolution business
/// time (average, median, 90th percentile), breach rate (clocks over target, including running ones already late),
/// and CSAT average.
/// </summary>
public static class SlaMetricsApi
{
    public static RouteGroupBuilder MapSlaMetrics(this RouteGroupBuilder group)
    {
        group.MapGet("/metrics", GetAsync).WithName("Sla_GetMetrics")
            .WithSummary("SLA metrics")
            .WithDescription("First-response and resolution business time (average, median, 90th percentile), breach rate and CSAT, overall and per queue, for tickets submitted in a period.");
        return group;
    }

    private static async Task<Results<Ok<SlaMetricsReport>, ValidationProblem>> GetAsync(
        string? from, string? to, string? queue, SlaDbContext db, SlaCatalogProvider catalogs, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new Validation();
        var (start, end) = ReadPeriod(from, to, now, errors);
        if (!errors.IsValid)
        {
            return errors.Problem();
        }

        var tickets = db.Tickets.AsNoTracking().Where(t => t.SubmittedAt != null && t.SubmittedAt >= start && t.SubmittedAt < end);
        if (!string.IsNullOrWhiteSpace(queue))
        {
            tickets = tickets.Where(t => t.Queue == queue);
        }
        var rows = await tickets.Select(t => new { t.TicketId, t.Queue, t.SatisfactionScore }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.TicketId).ToHashSet();
        var clocks = new List<SlaClock>();
        foreach (var chunk in ids.Chunk(500))
        {
            clocks.AddRange(await db.Clocks.AsNoTracking().Where(c => chunk.Contains(c.TicketId)).ToListAsync(cancellationToken));
        }
        var catalog = await catalogs.GetAsync(cancellationToken);
        var views = clocks.Select(c => (c.TicketId, View: SlaTicketsApi.ToView(c, catalog, now))).ToLookup(c => c.TicketId, c => c.View);

        var overall = Measure(null, views, rows.Select(r => r.TicketId), rows.Select(r => r.SatisfactionScore));
        var perQueue = rows.GroupBy(r => r.Queue).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Measure(g.Key, views, g.Select(r => r.TicketId), g.Select(r => r.SatisfactionScore)))
            .ToList();
        return TypedResults.Ok(new SlaMetricsReport(start, end, string.IsNullOrWhiteSpace(queue) ? null : queue, overall, perQueue));
    }

    /// <summary>[from, to): by default the 30 days up to now; at most 366 days.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) ReadPeriod(string? from, string? to, DateTimeOffset now, Validation errors)
    {
        var end = Parse(to, "to", errors) ?? now;
        var start = Parse(from, "from", errors) ?? end.AddDays(-30);
        if (errors.IsValid && start >= end)
        {
            errors.Add("to", "'to' must be after 'from'.");
        }
        if (errors.IsValid && end - start > TimeSpan.FromDays(366))
        {
            errors.Add("from", "The period is at most 366 days.");
        }
        return (start, end);
    }

    private static QueueSlaMetrics Measure(string? name, ILookup<Guid, ClockView> views, IEnumerable<Guid> ticketIds, IEnumerable<int?> scores)
    {
        var idList = ticketIds.ToList();
        var ticketClocks = idList.SelectMany(id => views[id]).ToList();
        var breached = ticketClocks.Where(c => c.Breached).ToList();
        var csat = scores.Where(s => s is not null).Select(s => (double)s!.Value).ToList();
        return new QueueSlaMetrics(
            name,
            idList.Count,
            Stats(ticketClocks.Where(c => c.Metric == SlaMetric.FirstResponse && c.Status == ClockStatus.Met)),
            Stats(ticketClocks.Where(c => c.Metric == SlaMetric.Resolution && c.Status == ClockStatus.Met)),
            ticketClocks.Count,
            breached.Count,
            ticketClocks.Count == 0 ? null : Math.Round((double)breached.Count / ticketClocks.Count, 4),
            idList.Count(id => views[id].Any(c => c.Breached)),
            breached.GroupBy(c => c.Metric).ToDictionary(g => g.Key, g => g.Count()),
            csat.Count,
            csat.Count == 0 ? null : Math.Round(csat.Average(), 2));
    }

    private static DurationStats Stats(IEnumerable<ClockView> clocks)
    {
        var minutes = clocks.Select(c => c.ElapsedBusinessTime.TotalMinutes).Order().ToList();
        if (minutes.Count == 0)
        {
            return new DurationStats(0, null, null, null);
        }
        return new DurationStats(minutes.Count, Math.Round(minutes.Average(), 2), Percentile(minutes, 0.5), Percentile(minutes, 0.9));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)], 2);
    }

    private static DateTimeOffset? Parse(string? value, string field, Validation errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }
        errors.Add(field, $"'{value}' is not a date or ISO 8601 instant.");
        return null;
    }
}

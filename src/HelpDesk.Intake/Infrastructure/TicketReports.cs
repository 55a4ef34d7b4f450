using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// The support lead's figures, computed from the tickets themselves: one read of the period's rows (a few columns
/// each), then grouping in memory. A year of a busy desk is a few hundred thousand small rows.
/// </summary>
public sealed class TicketReports(IntakeDbContext db)
{
    public static readonly IReadOnlyList<string> Dimensions = ["queue", "category", "agent", "channel", "organisation"];

    public async Task<TicketReport> ByAsync(ReportPeriod period, string by, CancellationToken cancellationToken)
    {
        var rows = await db.Tickets.AsNoTracking()
            .Where(t => t.CreatedAt >= period.From && t.CreatedAt < period.To)
            .Select(t => new Row(t.Queue, t.Category, t.AssigneeName ?? t.AssigneeId, t.Channel, t.RequesterOrganisation,
                t.CreatedAt, t.FirstRespondedAt, t.ResolvedAt, t.ReopenCount, t.SatisfactionScore))
            .ToListAsync(cancellationToken);
        Func<Row, string?> key = by switch
        {
            "category" => r => r.Category,
            "agent" => r => r.Agent,
            "channel" => r => r.Channel.ToString(),
            "organisation" => r => r.Organisation,
            _ => r => r.Queue,
        };
        var groups = rows.GroupBy(key).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Measure(g.Key, g.ToList())).ToList();
        return new TicketReport(period.From, period.To, by, Measure(null, rows), groups);
    }

    public async Task<DailyVolumeReport> DailyAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var created = await db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= period.From && t.CreatedAt < period.To)
            .Select(t => t.CreatedAt).ToListAsync(cancellationToken);
        var resolved = await db.Tickets.AsNoTracking().Where(t => t.ResolvedAt >= period.From && t.ResolvedAt < period.To)
            .Select(t => t.ResolvedAt!.Value).ToListAsync(cancellationToken);
        var inPerDay = created.CountBy(Day).ToDictionary();
        var outPerDay = resolved.CountBy(Day).ToDictionary();
        var days = new List<DailyVolume>();
        for (var day = Day(period.From); day <= Day(period.To.AddTicks(-1)); day = day.AddDays(1))
        {
            days.Add(new DailyVolume(day, inPerDay.GetValueOrDefault(day), outPerDay.GetValueOrDefault(day)));
        }
        return new DailyVolumeReport(period.From, period.To, days);
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static TicketGroupStats Measure(string? key, List<Row> rows)
    {
        var resolved = rows.Where(r => r.ResolvedAt is not null).ToList();
        var everResolved = rows.Count(r => r.ResolvedAt is not null || r.ReopenCount > 0);
        var reopened = rows.Count(r => r.ReopenCount > 0);
        var scores = rows.Where(r => r.Score is not null).Select(r => (double)r.Score!.Value).ToList();
        return new TicketGroupStats(
            key, rows.Count, resolved.Count, reopened,
            everResolved == 0 ? null : Math.Round((double)reopened / everResolved, 4),
            DurationSummary.Of(rows.Where(r => r.FirstRespondedAt is not null).Select(r => (r.FirstRespondedAt!.Value - r.CreatedAt).TotalMinutes)),
            DurationSummary.Of(resolved.Select(r => (r.ResolvedAt!.Value - r.CreatedAt).TotalMinutes)),
            scores.Count, scores.Count == 0 ? null : Math.Round(scores.Average(), 2));
    }

    private sealed record Row(
        string? Queue, string? Category, string? Agent, TicketChannel Channel, string? Organisation,
        DateTimeOffset CreatedAt, DateTimeOffset? FirstRespondedAt, DateTimeOffset? ResolvedAt, int ReopenCount, int? Score);
}

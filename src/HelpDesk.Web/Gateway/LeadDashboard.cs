using System.Globalization;

namespace HelpDesk.Web.Gateway;

/// <summary>
/// Everything the lead's dashboard shows for one period, each from the service that owns it, read with the lead's own
/// token: intake (volumes, times, reopen rate, CSAT), SLA (business-time percentiles, breach rate), KB (deflection,
/// zero-result searches). A part that fails stays null and the page says so; the rest still shows.
/// </summary>
public sealed record LeadDashboard(
    int Days, DailyVolumeReport? Daily, TicketReport? ByQueue, SlaMetricsReport? Sla, KbDeflection? Deflection, KbZeroResults? ZeroResults)
{
    public static readonly int[] Periods = [7, 30, 90];

    public static async Task<LeadDashboard> LoadAsync(GatewayApi api, int days, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var period = Period(days, now);
        var daily = api.GetAsync<DailyVolumeReport>("/api/v1/reports/tickets/daily?" + period, cancellationToken);
        var byQueue = api.GetAsync<TicketReport>("/api/v1/reports/tickets?by=queue&" + period, cancellationToken);
        var sla = api.GetAsync<SlaMetricsReport>("/api/v1/sla/metrics?" + period, cancellationToken);
        var deflection = api.GetAsync<KbDeflection>("/api/v1/kb/analytics/deflection?limit=10&" + period, cancellationToken);
        var zero = api.GetAsync<KbZeroResults>("/api/v1/kb/analytics/zero-results?limit=10&" + period, cancellationToken);
        return new LeadDashboard(days, (await daily).Value, (await byQueue).Value, (await sla).Value, (await deflection).Value, (await zero).Value);
    }

    /// <summary>Whole UTC days: the last <paramref name="days"/> up to and including today.</summary>
    public static string Period(int days, DateTimeOffset now)
    {
        var end = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        var start = end.AddDays(-days);
        return $"from={start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
    }

    public static int ReadDays(int? days) => days is { } d && Periods.Contains(d) ? d : 30;
}

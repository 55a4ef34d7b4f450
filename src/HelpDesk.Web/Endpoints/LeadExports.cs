using System.Globalization;
using System.Text;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Endpoints;

/// <summary>
/// /lead/export/{chart}.csv: the figures each dashboard chart or list shows, for the same period, read again with the
/// lead's token from the services that own them.
/// </summary>
public static class LeadExports
{
    public static readonly string[] Charts = ["daily", "sla", "queues", "deflection", "zero-results"];

    public static void MapLeadExports(this WebApplication app) =>
        app.MapGet("/lead/export/{chart}.csv", ExportAsync).RequireAuthorization(policy => policy.RequireRole("lead", "admin"));

    private static async Task<Results<FileContentHttpResult, NotFound>> ExportAsync(
        string chart, int? days, GatewayApi api, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Charts.Contains(chart))
        {
            return TypedResults.NotFound();
        }
        var period = LeadDashboard.ReadDays(days);
        var dashboard = await LeadDashboard.LoadAsync(api, period, time.GetUtcNow(), cancellationToken);
        var csv = chart switch
        {
            "daily" => Daily(dashboard.Daily),
            "sla" => Sla(dashboard.Sla),
            "queues" => Queues(dashboard.ByQueue),
            "deflection" => Deflection(dashboard.Deflection),
            _ => ZeroResults(dashboard.ZeroResults),
        };
        var name = $"helpdesk-{chart}-{LeadDashboard.Period(period, time.GetUtcNow()).Replace("from=", "", StringComparison.Ordinal).Replace("&to=", "_", StringComparison.Ordinal)}.csv";
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), CsvText.ContentType, name);
    }

    private static StringBuilder Daily(DailyVolumeReport? report)
    {
        var csv = new StringBuilder().Line("date", "created", "resolved");
        foreach (var d in report?.Days ?? [])
        {
            csv.Line(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), N(d.Created), N(d.Resolved));
        }
        return csv;
    }

    private static StringBuilder Sla(SlaMetricsReport? report)
    {
        var csv = new StringBuilder().Line("queue", "tickets", "first_response_p50_minutes", "first_response_p90_minutes",
            "resolution_p50_minutes", "resolution_p90_minutes", "breach_rate", "tickets_breached");
        foreach (var q in report?.Queues ?? [])
        {
            csv.Line(q.Queue ?? "(none)", N(q.Tickets), N(q.FirstResponse.P50Minutes), N(q.FirstResponse.P90Minutes),
                N(q.TimeToResolve.P50Minutes), N(q.TimeToResolve.P90Minutes), N(q.BreachRate), N(q.TicketsBreached));
        }
        return csv;
    }

    private static StringBuilder Queues(TicketReport? report)
    {
        var csv = new StringBuilder().Line("queue", "created", "resolved", "reopen_rate", "rated", "csat_average");
        foreach (var g in report?.Groups ?? [])
        {
            csv.Line(g.Key ?? "(none)", N(g.Created), N(g.Resolved), N(g.ReopenRate), N(g.Rated), N(g.CsatAverage));
        }
        return csv;
    }

    private static StringBuilder Deflection(KbDeflection? report)
    {
        var csv = new StringBuilder().Line("article_id", "title", "visits", "helpful", "deflected", "deflection_rate");
        foreach (var a in report?.Articles ?? [])
        {
            csv.Line(a.ArticleId.ToString(), a.Title, N(a.Visits), N(a.Helpful), N(a.Deflected), N(a.DeflectionRate));
        }
        return csv;
    }

    private static StringBuilder ZeroResults(KbZeroResults? report)
    {
        var csv = new StringBuilder().Line("query", "searches", "last_searched_at");
        foreach (var q in report?.Queries ?? [])
        {
            csv.Line(q.Query, N(q.Count), q.LastSearchedAt.ToString("O", CultureInfo.InvariantCulture));
        }
        return csv;
    }

    private static string N(double? value) => CsvText.Number(value);
}

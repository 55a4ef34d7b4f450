using System.Globalization;
using System.Text;

namespace HelpDesk.Intake.Api;

/// <summary>The ticket reports as CSV (<see cref="CsvText"/>): a header, the overall line "(all)", a line per group.</summary>
public static class ReportCsv
{
    public static bool Wanted(HttpRequest request, string? format) =>
        string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
        || (format is null && request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true));

    public static string Of(TicketReport report)
    {
        var csv = new StringBuilder().Line(report.By, "created", "resolved", "reopened", "reopen_rate", "first_response_count",
            "first_response_p50_minutes", "first_response_p90_minutes", "resolution_count", "resolution_p50_minutes", "resolution_p90_minutes",
            "rated", "csat_average");
        foreach (var g in report.Groups.Prepend(report.Overall with { Key = "(all)" }))
        {
            csv.Line(g.Key ?? "(none)", N(g.Created), N(g.Resolved), N(g.Reopened), N(g.ReopenRate), N(g.FirstResponse.Count), N(g.FirstResponse.P50Minutes),
                N(g.FirstResponse.P90Minutes), N(g.Resolution.Count), N(g.Resolution.P50Minutes), N(g.Resolution.P90Minutes), N(g.Rated), N(g.CsatAverage));
        }
        return csv.ToString();
    }

    public static string Of(DailyVolumeReport report)
    {
        var csv = new StringBuilder().Line("date", "created", "resolved");
        foreach (var day in report.Days)
        {
            csv.Line(day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), N(day.Created), N(day.Resolved));
        }
        return csv.ToString();
    }

    private static string N(double? value) => CsvText.Number(value);
}

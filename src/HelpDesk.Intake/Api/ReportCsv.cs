using System.Globalization;
using System.Text;

namespace HelpDesk.Intake.Api;

/// <summary>
/// Reports as CSV (RFC 4180: comma, CRLF, quotes doubled). A cell that a spreadsheet would read as a formula
/// (=, +, -, @ first) gets a leading apostrophe: queue and agent names come from people.
/// </summary>
public static class ReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static bool Wanted(HttpRequest request, string? format) =>
        string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
        || (format is null && request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true));

    public static string Of(TicketReport report)
    {
        var csv = new StringBuilder();
        Line(csv, report.By, "created", "resolved", "reopened", "reopen_rate", "first_response_count", "first_response_p50_minutes",
            "first_response_p90_minutes", "resolution_count", "resolution_p50_minutes", "resolution_p90_minutes", "rated", "csat_average");
        foreach (var g in report.Groups.Prepend(report.Overall with { Key = "(all)" }))
        {
            Line(csv, g.Key ?? "(none)", N(g.Created), N(g.Resolved), N(g.Reopened), N(g.ReopenRate), N(g.FirstResponse.Count), N(g.FirstResponse.P50Minutes),
                N(g.FirstResponse.P90Minutes), N(g.Resolution.Count), N(g.Resolution.P50Minutes), N(g.Resolution.P90Minutes), N(g.Rated), N(g.CsatAverage));
        }
        return csv.ToString();
    }

    public static string Of(DailyVolumeReport report)
    {
        var csv = new StringBuilder();
        Line(csv, "date", "created", "resolved");
        foreach (var day in report.Days)
        {
            Line(csv, day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), N(day.Created), N(day.Resolved));
        }
        return csv.ToString();
    }

    private static string N(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder csv, params string[] cells)
    {
        csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

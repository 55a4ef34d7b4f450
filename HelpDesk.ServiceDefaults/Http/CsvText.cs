using System.Globalization;
using System.Text;

namespace HelpDesk.ServiceDefaults.Http;

/// <summary>
/// CSV as reports export it (RFC 4180: comma, CRLF, quotes doubled). A cell that a spreadsheet would read as a formula
/// (=, +, -, @ first, and not a number) gets a leading apostrophe: queue, agent and search texts come from people.
/// </summary>
public static class CsvText
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static StringBuilder Line(this StringBuilder csv, params string?[] cells) =>
        csv.AppendJoin(',', cells.Select(c => Cell(c ?? ""))).Append("\r\n");

    public static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

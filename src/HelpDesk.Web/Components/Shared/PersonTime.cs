using System.Globalization;

namespace HelpDesk.Web.Components.Shared;

/// <summary>
/// Times shown in the person's own time zone: the browser reports it (IANA name, a cookie set by site.js); until then, UTC.
/// </summary>
public sealed class PersonTime(IHttpContextAccessor accessor)
{
    public const string CookieName = "helpdesk.tz";

    private TimeZoneInfo? zone;

    public TimeZoneInfo Zone => zone ??= Resolve(accessor.HttpContext?.Request.Cookies[CookieName]);

    public string Format(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, Zone).ToString("g", CultureInfo.CurrentCulture) + " " + ZoneLabel : "–";

    public string ZoneLabel => Zone.Id == "UTC" || Zone.Id == "Etc/UTC" ? "UTC" : Zone.Id;

    private static TimeZoneInfo Resolve(string? id)
    {
        if (!string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found))
        {
            return found;
        }
        return TimeZoneInfo.Utc;
    }
}

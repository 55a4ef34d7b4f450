using System.Globalization;

namespace HelpDesk.Sla.Domain;

/// <summary>
/// A business calendar as configured (<c>Sla:Calendars:{name}</c>) or sent to the API.
/// <c>Hours</c> maps weekday names to intervals ("09:00-13:00", "22:00-06:00" crosses midnight, "00:00-24:00" whole day);
/// holidays are dates (yyyy-MM-dd) in the calendar's zone.
/// </summary>
public sealed class CalendarDefinition
{
    /// <summary>IANA (or Windows) time zone id, e.g. Europe/Rome.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Around the clock: hours and holidays are ignored.</summary>
    public bool TwentyFourSeven { get; set; }

    public Dictionary<string, string[]>? Hours { get; set; }

    public string[]? Holidays { get; set; }

    /// <summary>Checks the definition: adds errors keyed by camelCase field to <paramref name="errors"/>, or returns the compiled calendar.</summary>
    public BusinessCalendar? Compile(string name, Validation errors)
    {
        if (TwentyFourSeven)
        {
            return BusinessCalendar.Always;
        }
        var zone = ParseZone(errors);
        var hours = ParseHours(errors);
        var holidays = ParseHolidays(errors);
        return errors.IsValid && zone is not null ? BusinessCalendar.Create(name, zone, hours, holidays) : null;
    }

    private TimeZoneInfo? ParseZone(Validation errors)
    {
        TimeZoneInfo? zone = null;
        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            errors.Add("timeZone", "A time zone id (e.g. Europe/Rome) is required unless twentyFourSeven is true.");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone.Trim(), out zone))
        {
            errors.Add("timeZone", $"Unknown time zone '{TimeZone}'.");
        }
        return zone;
    }

    private Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> ParseHours(Validation errors)
    {
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>>();
        foreach (var (dayName, intervals) in Hours ?? [])
        {
            if (!Enum.TryParse<DayOfWeek>(dayName, ignoreCase: true, out var day) || int.TryParse(dayName, CultureInfo.InvariantCulture, out _))
            {
                errors.Add($"hours.{dayName}", "Use a weekday name (Monday … Sunday).");
                continue;
            }
            hours[day] = ParseDay(dayName, intervals ?? [], errors);
        }
        if (hours.Values.All(h => h.Count == 0) && !errors.Errors.Keys.Any(k => k.StartsWith("hours", StringComparison.Ordinal)))
        {
            errors.Add("hours", "At least one working interval is required unless twentyFourSeven is true.");
        }
        return hours;
    }

    private static List<WorkingInterval> ParseDay(string dayName, string[] intervals, Validation errors)
    {
        var parsed = new List<WorkingInterval>();
        foreach (var text in intervals)
        {
            if (WorkingInterval.TryParse(text, out var interval))
            {
                parsed.Add(interval);
            }
            else
            {
                errors.Add($"hours.{dayName}", $"'{text}' is not an interval like 09:00-17:00.");
            }
        }
        var ordered = parsed.OrderBy(i => i.StartMinute).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].StartMinute < ordered[i - 1].EndMinute)
            {
                errors.Add($"hours.{dayName}", $"Intervals {ordered[i - 1]} and {ordered[i]} overlap.");
            }
        }
        return ordered;
    }

    private List<DateOnly> ParseHolidays(Validation errors)
    {
        var holidays = new List<DateOnly>();
        foreach (var text in Holidays ?? [])
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                holidays.Add(date);
            }
            else
            {
                errors.Add("holidays", $"'{text}' is not a date like 2025-12-25.");
            }
        }
        return holidays;
    }

    /// <summary>Monday–Friday 09:00–17:00 UTC: the calendar used when none is configured.</summary>
    public static CalendarDefinition DefaultBusinessHours() => new()
    {
        TimeZone = "UTC",
        Hours = new Dictionary<string, string[]>
        {
            ["Monday"] = ["09:00-17:00"],
            ["Tuesday"] = ["09:00-17:00"],
            ["Wednesday"] = ["09:00-17:00"],
            ["Thursday"] = ["09:00-17:00"],
            ["Friday"] = ["09:00-17:00"],
        },
    };
}

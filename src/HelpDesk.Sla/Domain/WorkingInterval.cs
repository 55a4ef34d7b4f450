using System.Globalization;

namespace HelpDesk.Sla.Domain;

/// <summary>Working minutes from midnight of the day it starts; <see cref="EndMinute"/> beyond 1440 ends the next day.</summary>
public readonly record struct WorkingInterval(int StartMinute, int EndMinute)
{
    /// <summary>Parses "09:00-17:00", "22:00-06:00" (overnight) or "00:00-24:00" (whole day).</summary>
    public static bool TryParse(string? text, out WorkingInterval interval)
    {
        interval = default;
        var parts = text?.Split('-', StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 } || !TryParseMinute(parts[0], out var start) || start >= 1440 || !TryParseMinute(parts[1], out var end))
        {
            return false;
        }
        if (end <= start)
        {
            end += 1440;
        }
        interval = new WorkingInterval(start, end);
        return true;
    }

    public override string ToString() =>
        $"{StartMinute / 60:00}:{StartMinute % 60:00}-{EndMinute % 1440 / 60:00}:{EndMinute % 60:00}";

    private static bool TryParseMinute(string text, out int minute)
    {
        minute = 0;
        if (text == "24:00")
        {
            minute = 1440;
            return true;
        }
        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return false;
        }
        minute = time.Hour * 60 + time.Minute;
        return true;
    }
}

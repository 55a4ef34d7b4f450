namespace HelpDesk.AppHost.Demo;

/// <summary>National public holidays of Italy and France for a year (the demo's SLA calendars).</summary>
public static class PublicHolidays
{
    public static IReadOnlyList<DateOnly> Italy(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            new(year, 1, 1), new(year, 1, 6), easter.AddDays(1), new(year, 4, 25), new(year, 5, 1), new(year, 6, 2),
            new(year, 8, 15), new(year, 11, 1), new(year, 12, 8), new(year, 12, 25), new(year, 12, 26),
        ];
    }

    public static IReadOnlyList<DateOnly> France(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            new(year, 1, 1), easter.AddDays(1), new(year, 5, 1), new(year, 5, 8), easter.AddDays(39), easter.AddDays(50),
            new(year, 7, 14), new(year, 8, 15), new(year, 11, 1), new(year, 11, 11), new(year, 12, 25),
        ];
    }

    /// <summary>Western Easter (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451, month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}

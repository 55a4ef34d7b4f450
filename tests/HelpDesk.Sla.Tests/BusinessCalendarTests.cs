using HelpDesk.Sla.Domain;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Sla.Tests;

public sealed class BusinessCalendarTests
{
    private static readonly Dictionary<string, string[]> WeekdaysNineToFive = new()
    {
        ["Monday"] = ["09:00-17:00"], ["Tuesday"] = ["09:00-17:00"], ["Wednesday"] = ["09:00-17:00"],
        ["Thursday"] = ["09:00-17:00"], ["Friday"] = ["09:00-17:00"],
    };

    internal static BusinessCalendar Calendar(string zone, Dictionary<string, string[]> hours, params string[] holidays)
    {
        var errors = new Validation();
        var calendar = new CalendarDefinition { TimeZone = zone, Hours = hours, Holidays = holidays }.Compile("test", errors);
        Assert.True(errors.IsValid, errors.Summary());
        return calendar!;
    }

    /// <summary>An unambiguous wall-clock time in a zone as an instant.</summary>
    internal static DateTimeOffset Local(string zone, int year, int month, int day, int hour, int minute = 0)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        Assert.False(tz.IsInvalidTime(local) || tz.IsAmbiguousTime(local), "test instants must be unambiguous");
        return new DateTimeOffset(local, tz.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Working_time_within_a_day_counts_only_the_working_hours()
    {
        var rome = Calendar("Europe/Rome", WeekdaysNineToFive);
        Assert.Equal(TimeSpan.FromHours(8), rome.WorkingTimeBetween(Local("Europe/Rome", 2025, 3, 24, 8), Local("Europe/Rome", 2025, 3, 24, 18)));
        Assert.Equal(TimeSpan.FromHours(2.5), rome.WorkingTimeBetween(Local("Europe/Rome", 2025, 3, 24, 14, 30), Local("Europe/Rome", 2025, 3, 24, 19)));
        Assert.Equal(TimeSpan.Zero, rome.WorkingTimeBetween(Local("Europe/Rome", 2025, 3, 24, 18), Local("Europe/Rome", 2025, 3, 24, 8)));
    }

    [Fact]
    public void Adding_exactly_the_rest_of_the_day_ends_at_closing_time_not_next_morning()
    {
        var rome = Calendar("Europe/Rome", WeekdaysNineToFive);
        Assert.Equal(Local("Europe/Rome", 2025, 3, 24, 17), rome.AddWorkingTime(Local("Europe/Rome", 2025, 3, 24, 9), TimeSpan.FromHours(8)));
        Assert.Equal(Local("Europe/Rome", 2025, 3, 25, 9, 1), rome.AddWorkingTime(Local("Europe/Rome", 2025, 3, 24, 9), TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Business_hours_over_the_spring_forward_weekend_in_Rome()
    {
        var rome = Calendar("Europe/Rome", WeekdaysNineToFive);
        // Friday 16:00 CET + 2 working hours = Monday 10:00 CEST, which is 08:00 UTC (not 09:00 UTC as in winter).
        Assert.Equal(Utc(2025, 3, 31, 8), rome.AddWorkingTime(Local("Europe/Rome", 2025, 3, 28, 16), TimeSpan.FromHours(2)));
        // Friday 09:00 CET to Monday 17:00 CEST: two full days, the lost weekend hour changes nothing.
        Assert.Equal(TimeSpan.FromHours(16), rome.WorkingTimeBetween(Utc(2025, 3, 28, 8), Utc(2025, 3, 31, 15)));
    }

    [Fact]
    public void Business_hours_over_the_fall_back_weekend_in_New_York()
    {
        var newYork = Calendar("America/New_York", WeekdaysNineToFive);
        // Friday 2025-10-31 16:00 EDT (20:00Z) + 2h = Monday 2025-11-03 10:00 EST (15:00Z).
        Assert.Equal(Utc(2025, 11, 3, 15), newYork.AddWorkingTime(Utc(2025, 10, 31, 20), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_whole_day_is_23_hours_on_spring_forward_and_25_on_fall_back()
    {
        var sundays = Calendar("Europe/Rome", new() { ["Sunday"] = ["00:00-24:00"] });
        Assert.Equal(TimeSpan.FromHours(23), sundays.WorkingTimeBetween(Local("Europe/Rome", 2025, 3, 29, 12), Local("Europe/Rome", 2025, 3, 31, 12)));
        Assert.Equal(TimeSpan.FromHours(25), sundays.WorkingTimeBetween(Local("Europe/Rome", 2025, 10, 25, 12), Local("Europe/Rome", 2025, 10, 27, 12)));
        Assert.Equal(TimeSpan.FromHours(24), sundays.WorkingTimeBetween(Local("Europe/Rome", 2025, 3, 22, 12), Local("Europe/Rome", 2025, 3, 24, 12)));
    }

    [Fact]
    public void An_interval_containing_the_spring_gap_loses_the_hour_that_does_not_exist()
    {
        // 2025-03-09 02:00 EST jumps to 03:00 EDT: 01:00–04:00 on the wall clock is two real hours.
        var newYork = Calendar("America/New_York", new() { ["Sunday"] = ["01:00-04:00"] });
        Assert.Equal(TimeSpan.FromHours(2), newYork.WorkingTimeBetween(Utc(2025, 3, 8, 12), Utc(2025, 3, 10, 12)));
        // A time inside the gap is shifted forward by the gap's length: 02:30 does not exist, it becomes 03:30 EDT (07:30Z).
        var gap = Calendar("America/New_York", new() { ["Sunday"] = ["02:30-05:00"] });
        Assert.Equal(Utc(2025, 3, 9, 8), gap.AddWorkingTime(Utc(2025, 3, 8, 12), TimeSpan.FromMinutes(30)));
        Assert.Equal(TimeSpan.FromMinutes(90), gap.WorkingTimeBetween(Utc(2025, 3, 8, 12), Utc(2025, 3, 10, 12)));
    }

    [Fact]
    public void An_interval_containing_the_fall_back_overlap_counts_the_repeated_hour()
    {
        // 2025-11-02 02:00 EDT falls back to 01:00 EST: 00:00–03:00 on the wall clock is four real hours.
        var newYork = Calendar("America/New_York", new() { ["Sunday"] = ["00:00-03:00"] });
        Assert.Equal(TimeSpan.FromHours(4), newYork.WorkingTimeBetween(Utc(2025, 11, 1, 12), Utc(2025, 11, 3, 12)));
        Assert.Equal(Utc(2025, 11, 2, 7), newYork.AddWorkingTime(Utc(2025, 11, 1, 12), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void Holidays_in_the_calendar_zone_are_skipped()
    {
        var rome = Calendar("Europe/Rome", WeekdaysNineToFive, "2025-12-25", "2025-12-26");
        // Wednesday 24th 16:00 + 2h: Thursday and Friday are holidays, then the weekend → Monday 29th 10:00 CET.
        Assert.Equal(Local("Europe/Rome", 2025, 12, 29, 10), rome.AddWorkingTime(Local("Europe/Rome", 2025, 12, 24, 16), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(8), rome.WorkingTimeBetween(Local("Europe/Rome", 2025, 12, 24, 9), Local("Europe/Rome", 2025, 12, 29, 9)));
        Assert.True(rome.IsHoliday(new DateOnly(2025, 12, 25)));
    }

    [Fact]
    public void Overnight_shifts_cross_midnight()
    {
        var nights = Calendar("America/New_York", new()
        {
            ["Monday"] = ["22:00-06:00"], ["Tuesday"] = ["22:00-06:00"], ["Friday"] = ["22:00-06:00"],
        });
        Assert.Equal(TimeSpan.FromHours(8), nights.WorkingTimeBetween(Local("America/New_York", 2025, 3, 3, 21), Local("America/New_York", 2025, 3, 4, 7)));
        // Tuesday 05:30 + 1h: 30 minutes of Monday's shift remain, the rest comes from Tuesday night.
        Assert.Equal(Local("America/New_York", 2025, 3, 4, 22, 30), nights.AddWorkingTime(Local("America/New_York", 2025, 3, 4, 5, 30), TimeSpan.FromHours(1)));
        // Friday's shift continues into Saturday morning.
        Assert.Equal(Local("America/New_York", 2025, 3, 8, 5), nights.AddWorkingTime(Local("America/New_York", 2025, 3, 7, 23), TimeSpan.FromHours(6)));
    }

    [Fact]
    public void Overnight_shifts_across_DST_changes_last_their_real_length()
    {
        var saturdayNights = Calendar("America/New_York", new() { ["Saturday"] = ["22:00-06:00"] });
        // Spring: Sat 2025-03-08 22:00 EST → Sun 06:00 EDT is 7 hours; fall: Sat 2025-11-01 22:00 EDT → Sun 06:00 EST is 9 hours.
        Assert.Equal(TimeSpan.FromHours(7), saturdayNights.WorkingTimeBetween(Utc(2025, 3, 8, 12), Utc(2025, 3, 9, 18)));
        Assert.Equal(TimeSpan.FromHours(9), saturdayNights.WorkingTimeBetween(Utc(2025, 11, 1, 12), Utc(2025, 11, 2, 18)));
    }

    [Fact]
    public void A_holiday_cancels_the_overnight_shift_that_starts_on_it()
    {
        var nights = Calendar("Europe/Rome", new() { ["Wednesday"] = ["22:00-06:00"], ["Thursday"] = ["22:00-06:00"] }, "2025-03-05");
        Assert.Equal(TimeSpan.Zero, nights.WorkingTimeBetween(Local("Europe/Rome", 2025, 3, 5, 21), Local("Europe/Rome", 2025, 3, 6, 7)));
        Assert.Equal(TimeSpan.FromHours(8), nights.WorkingTimeBetween(Local("Europe/Rome", 2025, 3, 6, 21), Local("Europe/Rome", 2025, 3, 7, 7)));
    }

    [Fact]
    public void Twenty_four_seven_is_plain_elapsed_time_even_across_DST()
    {
        var always = BusinessCalendar.Always;
        Assert.Equal(Utc(2025, 3, 30, 5), always.AddWorkingTime(Utc(2025, 3, 29, 23), TimeSpan.FromHours(6)));
        Assert.Equal(TimeSpan.FromHours(30), always.WorkingTimeBetween(Utc(2025, 10, 25, 0), Utc(2025, 10, 26, 6)));
    }

    [Theory]
    [InlineData("Europe/Rome")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Sydney")]
    public void Adding_working_time_and_measuring_it_back_agree(string zone)
    {
        var calendar = Calendar(zone, new()
        {
            ["Monday"] = ["08:00-12:00", "13:00-17:30"], ["Tuesday"] = ["22:00-06:00"], ["Wednesday"] = ["00:00-24:00"],
            ["Friday"] = ["01:30-03:30"], ["Sunday"] = ["00:00-03:00"],
        }, "2025-04-02");
        var random = new Random(42);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 300; i++)
        {
            var from = start + TimeSpan.FromMinutes(random.Next(0, 365 * 24 * 60));
            var amount = TimeSpan.FromMinutes(random.Next(1, 60 * 60));
            var due = calendar.AddWorkingTime(from, amount);
            Assert.Equal(amount, calendar.WorkingTimeBetween(from, due));
            Assert.True(calendar.WorkingTimeBetween(from, due - TimeSpan.FromMinutes(1)) < amount);
        }
    }

    [Fact]
    public void Invalid_definitions_name_the_field()
    {
        var errors = new Validation();
        var calendar = new CalendarDefinition
        {
            TimeZone = "Mars/Olympus",
            Hours = new() { ["Monday"] = ["9-17"], ["Funday"] = ["09:00-10:00"], ["Tuesday"] = ["09:00-12:00", "11:00-13:00"] },
            Holidays = ["25/12/2025"],
        }.Compile("bad", errors);
        Assert.Null(calendar);
        Assert.Contains("timeZone", errors.Errors.Keys);
        Assert.Contains("hours.Monday", errors.Errors.Keys);
        Assert.Contains("hours.Funday", errors.Errors.Keys);
        Assert.Contains("hours.Tuesday", errors.Errors.Keys);
        Assert.Contains("holidays", errors.Errors.Keys);

        var empty = new Validation();
        Assert.Null(new CalendarDefinition { TimeZone = "UTC" }.Compile("empty", empty));
        Assert.Contains("hours", empty.Errors.Keys);
    }
}

namespace HelpDesk.Sla.Domain;

/// <summary>
/// When the clock of an SLA runs: working intervals per weekday in a named (IANA) time zone, minus holidays,
/// or around the clock. All arithmetic is done on instants, so DST gaps and overlaps come out right: a wall-clock
/// interval that does not exist (spring forward) is skipped, one that happens twice (fall back) counts its real length.
/// </summary>
public sealed class BusinessCalendar
{
    public const string AlwaysName = "24x7";

    /// <summary>How far ahead to look for working time before deciding a calendar has none (ten years of holidays).</summary>
    private const int MaxEmptyDays = 3700;

    private readonly WorkingInterval[][] _intervals;
    private readonly HashSet<DateOnly> _holidays;

    private BusinessCalendar(string name, TimeZoneInfo zone, bool always, WorkingInterval[][] intervals, HashSet<DateOnly> holidays)
    {
        Name = name;
        Zone = zone;
        IsAlways = always;
        _intervals = intervals;
        _holidays = holidays;
    }

    public string Name { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>24x7: every instant is working time.</summary>
    public bool IsAlways { get; }

    public static BusinessCalendar Always { get; } = new(AlwaysName, TimeZoneInfo.Utc, true, [], []);

    /// <param name="hours">Intervals per weekday; an interval whose end is not after its start crosses midnight.</param>
    public static BusinessCalendar Create(string name, TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> hours, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var intervals = new WorkingInterval[7][];
        for (var day = 0; day < 7; day++)
        {
            intervals[day] = hours.TryGetValue((DayOfWeek)day, out var list) ? [.. list.OrderBy(i => i.StartMinute)] : [];
        }
        if (intervals.All(d => d.Length == 0))
        {
            throw new ArgumentException("A calendar needs at least one working interval.", nameof(hours));
        }
        return new BusinessCalendar(name, zone, false, intervals, [.. holidays]);
    }

    public bool IsHoliday(DateOnly date) => _holidays.Contains(date);

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }
        if (IsAlways)
        {
            return to - from;
        }
        var total = TimeSpan.Zero;
        foreach (var (start, end) in WorkingPeriodsFrom(from))
        {
            if (start >= to)
            {
                break;
            }
            total += (end < to ? end : to) - start;
        }
        return total;
    }

    /// <summary>The instant at which <paramref name="amount"/> of working time has passed since <paramref name="from"/>.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan amount)
    {
        if (amount <= TimeSpan.Zero)
        {
            return from;
        }
        if (IsAlways)
        {
            return from + amount;
        }
        var remaining = amount;
        foreach (var (start, end) in WorkingPeriodsFrom(from))
        {
            var length = end - start;
            if (remaining <= length)
            {
                return start + remaining;
            }
            remaining -= length;
        }
        throw new InvalidOperationException("Unreachable: working periods are infinite.");
    }

    /// <summary>Working periods as UTC instants, in order and non-overlapping, starting at <paramref name="from"/>.</summary>
    public IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> WorkingPeriodsFrom(DateTimeOffset from)
    {
        if (IsAlways)
        {
            yield return (from, DateTimeOffset.MaxValue);
            yield break;
        }
        // Start a day early: an overnight interval that began yesterday may still be running.
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, Zone).DateTime).AddDays(-1);
        var cursor = from;
        var emptyDays = 0;
        while (true)
        {
            var found = false;
            if (!_holidays.Contains(date))
            {
                foreach (var interval in _intervals[(int)date.DayOfWeek])
                {
                    var start = ToInstant(date, interval.StartMinute);
                    var end = ToInstant(date, interval.EndMinute);
                    if (start < cursor)
                    {
                        start = cursor;
                    }
                    if (end <= start)
                    {
                        continue;
                    }
                    found = true;
                    yield return (start, end);
                    cursor = end;
                }
            }
            emptyDays = found ? 0 : emptyDays + 1;
            if (emptyDays > MaxEmptyDays)
            {
                throw new InvalidOperationException($"Calendar '{Name}' has no working time in the ten years after {from:O}.");
            }
            date = date.AddDays(1);
        }
    }

    /// <summary>
    /// The instant of a wall-clock time on a date in the calendar's zone. A time inside a spring-forward gap is shifted
    /// forward by the gap's length (02:30 that does not exist becomes 03:30); a time inside a fall-back overlap
    /// maps to its first occurrence.
    /// </summary>
    internal DateTimeOffset ToInstant(DateOnly date, int minuteOfDay)
    {
        var local = DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue).AddMinutes(minuteOfDay), DateTimeKind.Unspecified);
        TimeSpan offset;
        if (Zone.IsInvalidTime(local))
        {
            offset = Zone.GetUtcOffset(local.AddHours(-12));
        }
        else if (Zone.IsAmbiguousTime(local))
        {
            offset = Zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = Zone.GetUtcOffset(local);
        }
        return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
    }
}

namespace HelpDesk.Sla.Domain;

/// <summary>When a clock's next warning or breach is due, given what has already been raised.</summary>
public static class ClockSchedule
{
    public const int BreachPercent = 100;

    /// <summary>
    /// The next threshold after <paramref name="lastFired"/> and its instant. A running clock moves through its warnings
    /// to the breach; a clock that stopped or paused after crossing its target still owes its breach (raised late once,
    /// e.g. after an outage), but not stale warnings.
    /// </summary>
    public static (int Threshold, DateTimeOffset DueAt)? Next(
        ClockStatus status, TimeSpan target, IReadOnlyList<int> thresholds, TimeSpan elapsedBefore,
        DateTimeOffset? runningSince, DateTimeOffset? targetReachedAt, int lastFired, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(calendar);
        if (lastFired >= BreachPercent)
        {
            return null;
        }
        if (status == ClockStatus.Running && runningSince is { } since)
        {
            var next = thresholds.Where(t => t > lastFired).Append(BreachPercent).Min();
            return (next, InstantOf(next, target, elapsedBefore, since, targetReachedAt, calendar));
        }
        return targetReachedAt is { } reached ? (BreachPercent, reached) : null;
    }

    /// <summary>The instant a running clock reaches <paramref name="percent"/> of its target.</summary>
    public static DateTimeOffset InstantOf(int percent, TimeSpan target, TimeSpan elapsedBefore, DateTimeOffset runningSince, DateTimeOffset? targetReachedAt, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var needed = TimeSpan.FromTicks(target.Ticks / 100 * percent) - elapsedBefore;
        if (percent == BreachPercent)
        {
            needed = target - elapsedBefore;
            if (needed <= TimeSpan.Zero && targetReachedAt is { } reached)
            {
                return reached;
            }
        }
        return needed <= TimeSpan.Zero ? runningSince : calendar.AddWorkingTime(runningSince, needed);
    }
}

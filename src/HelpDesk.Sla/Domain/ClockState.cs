namespace HelpDesk.Sla.Domain;

/// <summary>A clock as the replay leaves it (see <see cref="SlaClock"/> for the meaning of the fields).</summary>
public sealed class ClockState
{
    public required SlaMetric Metric { get; init; }

    public required string Policy { get; set; }

    public required BusinessCalendar Calendar { get; set; }

    public TimeSpan Target { get; set; }

    public IReadOnlyList<int> Thresholds { get; set; } = [];

    public ClockStatus Status { get; set; }

    public int Cycle { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public TimeSpan ElapsedBefore { get; set; }

    public DateTimeOffset? RunningSince { get; set; }

    public DateTimeOffset? PausedSince { get; set; }

    public TimeSpan Paused { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? TargetReachedAt { get; set; }

    public bool IsOpen => Status is ClockStatus.Running or ClockStatus.Paused;

    /// <summary>Business time elapsed at <paramref name="now"/>.</summary>
    public TimeSpan ElapsedAt(DateTimeOffset now) =>
        Status == ClockStatus.Running && RunningSince is { } since ? ElapsedBefore + Calendar.WorkingTimeBetween(since, now) : ElapsedBefore;

    /// <summary>Closes the running segment at <paramref name="at"/>, noting when the target was crossed within it.</summary>
    internal void Accumulate(DateTimeOffset at)
    {
        if (Status != ClockStatus.Running || RunningSince is not { } since || at <= since)
        {
            return;
        }
        var segment = Calendar.WorkingTimeBetween(since, at);
        if (TargetReachedAt is null && ElapsedBefore < Target && ElapsedBefore + segment >= Target)
        {
            TargetReachedAt = Calendar.AddWorkingTime(since, Target - ElapsedBefore);
        }
        ElapsedBefore += segment;
        RunningSince = at;
    }
}

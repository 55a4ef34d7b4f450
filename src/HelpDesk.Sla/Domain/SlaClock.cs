using System.Globalization;

namespace HelpDesk.Sla.Domain;

/// <summary>
/// One SLA clock of a ticket. Business time is stored as ticks: <see cref="ElapsedBefore"/> is what accumulated before
/// the current running segment (which began at <see cref="RunningSince"/>), so elapsed time at any instant is
/// computed without writing the row every second.
/// </summary>
public sealed class SlaClock
{
    public long Id { get; set; }

    public Guid TicketId { get; set; }

    public SlaMetric Metric { get; set; }

    public string TicketNumber { get; set; } = "";

    public string? Queue { get; set; }

    public string? AssigneeId { get; set; }

    public string Policy { get; set; } = "";

    public string Calendar { get; set; } = "";

    public long TargetTicks { get; set; }

    /// <summary>Warning percentages, comma-separated, ascending.</summary>
    public string Thresholds { get; set; } = "";

    public ClockStatus Status { get; set; }

    /// <summary>Restarts (next-update after each reply, resolution on reopen when configured) begin a new cycle.</summary>
    public int Cycle { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public long ElapsedBeforeTicks { get; set; }

    public DateTimeOffset? RunningSince { get; set; }

    public DateTimeOffset? PausedSince { get; set; }

    public long PausedTicks { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the business time reached the target in a segment that has ended (null while it has not).</summary>
    public DateTimeOffset? TargetReachedAt { get; set; }

    /// <summary>Breach instant of a running clock.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Cycle to which <see cref="LastFiredPercent"/> refers.</summary>
    public int FiredCycle { get; set; }

    /// <summary>Highest threshold already raised in <see cref="FiredCycle"/> (100 = breach raised).</summary>
    public int LastFiredPercent { get; set; }

    public int? NextThreshold { get; set; }

    /// <summary>When the next warning or the breach is due; null when nothing can fire (paused, met, stopped).</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    public long Version { get; set; }

    public TimeSpan Target => TimeSpan.FromTicks(TargetTicks);

    public TimeSpan ElapsedBefore => TimeSpan.FromTicks(ElapsedBeforeTicks);

    public IReadOnlyList<int> ThresholdList =>
        [.. Thresholds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>
    /// Takes the replayed state of this clock. A new cycle owes its warnings and breach afresh. Returns true when the
    /// next due instant moved (the scanner must look again).
    /// </summary>
    public bool Record(ClockState clock, TicketSlaState ticket)
    {
        var previousDue = NextDueAt;
        TicketNumber = ticket.TicketNumber;
        Queue = ticket.Queue;
        AssigneeId = ticket.AssigneeId;
        Policy = clock.Policy;
        Calendar = clock.Calendar.Name;
        TargetTicks = clock.Target.Ticks;
        Thresholds = string.Join(',', clock.Thresholds.Select(t => t.ToString(CultureInfo.InvariantCulture)));
        Status = clock.Status;
        Cycle = clock.Cycle;
        StartedAt = clock.StartedAt;
        ElapsedBeforeTicks = clock.ElapsedBefore.Ticks;
        RunningSince = clock.RunningSince;
        PausedSince = clock.PausedSince;
        PausedTicks = clock.Paused.Ticks;
        CompletedAt = clock.CompletedAt;
        TargetReachedAt = clock.TargetReachedAt;
        if (FiredCycle != clock.Cycle)
        {
            FiredCycle = clock.Cycle;
            LastFiredPercent = 0;
        }
        DueAt = clock.Status == ClockStatus.Running && clock.RunningSince is { } since
            ? ClockSchedule.InstantOf(ClockSchedule.BreachPercent, clock.Target, clock.ElapsedBefore, since, clock.TargetReachedAt, clock.Calendar)
            : null;
        var next = ClockSchedule.Next(clock.Status, clock.Target, clock.Thresholds, clock.ElapsedBefore, clock.RunningSince, clock.TargetReachedAt, LastFiredPercent, clock.Calendar);
        NextThreshold = next?.Threshold;
        NextDueAt = next?.DueAt;
        Version++;
        return NextDueAt != previousDue;
    }

    /// <summary>
    /// Raises the threshold that fell due: moves past it to the next one, and returns the firing to record with its
    /// integration event (<see cref="SlaWarningRaised"/> or, at 100 %, <see cref="SlaBreached"/>).
    /// </summary>
    public (SlaFiring Firing, object Event) Fire(BusinessCalendar calendar, DateTimeOffset firedAt)
    {
        var threshold = NextThreshold ?? ClockSchedule.BreachPercent;
        var dueAt = NextDueAt!.Value;
        var next = ClockSchedule.Next(Status, Target, ThresholdList, ElapsedBefore, RunningSince, TargetReachedAt, threshold, calendar);
        LastFiredPercent = threshold;
        NextThreshold = next?.Threshold;
        NextDueAt = next?.DueAt;
        Version++;
        var firing = new SlaFiring
        {
            ClockId = Id, TicketId = TicketId, Metric = Metric, Cycle = FiredCycle,
            ThresholdPercent = threshold, Policy = Policy, DueAt = dueAt, FiredAt = firedAt,
        };
        var breachDue = DueAt ?? TargetReachedAt ?? dueAt;
        object raised = threshold >= ClockSchedule.BreachPercent
            ? new SlaBreached(TicketId, TicketNumber, Policy, Metric, breachDue, firedAt, Queue, AssigneeId)
            : new SlaWarningRaised(TicketId, TicketNumber, Policy, Metric, threshold, breachDue, firedAt, Queue, AssigneeId);
        return (firing, raised);
    }
}

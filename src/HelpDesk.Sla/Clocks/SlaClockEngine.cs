using HelpDesk.Contracts;
using HelpDesk.Sla.Calendars;
using HelpDesk.Sla.Policies;

namespace HelpDesk.Sla.Clocks;

public enum ClockStatus { Running, Paused, Met, Stopped }

public enum TimelineKind { Started, Paused, Resumed, Met, Stopped, Restarted, PolicyChanged, Warning, Breached }

/// <summary>One explained step in a ticket's SLA history.</summary>
public sealed record TimelineEntry(DateTimeOffset At, TimelineKind Kind, SlaMetric? Metric, string Reason, string? Policy = null);

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

/// <summary>The SLA view of a ticket after replaying its facts.</summary>
public sealed class TicketSlaState
{
    public string TicketNumber { get; set; } = "";

    public TicketType Type { get; set; }

    public TicketPriority Priority { get; set; } = TicketPriority.Medium;

    public string? Organisation { get; set; }

    public string? Queue { get; set; }

    public string? AssigneeId { get; set; }

    public TicketStatus Status { get; set; }

    public SlaPolicy? Policy { get; set; }

    /// <summary>The policy a catalogue item names for its requests, if any (from routing).</summary>
    public string? ItemPolicy { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? FirstRespondedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public int? SatisfactionScore { get; set; }

    public Dictionary<SlaMetric, ClockState> Clocks { get; } = [];

    public List<TimelineEntry> Timeline { get; } = [];
}

/// <summary>
/// Rebuilds a ticket's clocks from its lifecycle facts in event-time order: start at submission, pause in the
/// policy's pause states, resume on leaving them, meet the first response, stop at resolution, resume or restart on
/// reopen, and re-select the policy when routing changes queue or priority (accumulated business and pause time carry
/// over; only the target and calendar change from then on). Pure: no clock, no database.
/// </summary>
public static class SlaClockEngine
{
    public static TicketSlaState Replay(IEnumerable<SlaFact> facts, SlaCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var state = new TicketSlaState();
        var paused = false;
        var resolved = false;
        var basePriority = TicketPriority.Medium;
        TicketPriority? priorityOverride = null;

        foreach (var fact in facts.OrderBy(f => f.OccurredAt).ThenBy(f => f.Kind == SlaFactKind.Submitted ? 0 : 1).ThenBy(f => f.Id))
        {
            var at = fact.OccurredAt;
            if (!string.IsNullOrEmpty(fact.TicketNumber))
            {
                state.TicketNumber = fact.TicketNumber;
            }
            switch (fact.Kind)
            {
                case SlaFactKind.Submitted:
                    if (state.SubmittedAt is not null)
                    {
                        break;
                    }
                    state.Type = fact.Type ?? TicketType.Incident;
                    basePriority = fact.Priority ?? TicketPriority.Medium;
                    state.Priority = priorityOverride ?? basePriority;
                    state.Organisation = fact.Organisation;
                    state.SubmittedAt = at;
                    state.Policy = Select(state, catalog);
                    if (state.Policy is null)
                    {
                        state.Timeline.Add(new(at, TimelineKind.Stopped, null, "Ticket submitted; no SLA policy matches it, so no clocks run."));
                        break;
                    }
                    Start(state, catalog, SlaMetric.FirstResponse, at, $"Ticket submitted ({state.Type}, {state.Priority}); policy {state.Policy.Name}.");
                    Start(state, catalog, SlaMetric.Resolution, at, $"Ticket submitted ({state.Type}, {state.Priority}); policy {state.Policy.Name}.");
                    break;

                case SlaFactKind.Routed:
                    state.Queue = fact.Queue ?? state.Queue;
                    state.ItemPolicy = fact.PolicyName ?? state.ItemPolicy;
                    priorityOverride = fact.Priority ?? priorityOverride;
                    state.Priority = priorityOverride ?? basePriority;
                    Reselect(state, catalog, at, $"Routed to queue {state.Queue}" + (fact.Priority is { } p ? $" with priority {p}" : "") + $" by {fact.Detail ?? "routing"}.");
                    paused = SyncPause(state, paused, resolved, at, $"Policy {state.Policy?.Name} pause states.");
                    break;

                case SlaFactKind.Assigned:
                    state.AssigneeId = fact.Actor;
                    if (!string.IsNullOrEmpty(fact.Queue) && !string.Equals(fact.Queue, state.Queue, StringComparison.OrdinalIgnoreCase))
                    {
                        state.Queue = fact.Queue;
                        Reselect(state, catalog, at, $"Assigned to {fact.Actor} in queue {fact.Queue}.");
                        paused = SyncPause(state, paused, resolved, at, $"Policy {state.Policy?.Name} pause states.");
                    }
                    if (state.Status == TicketStatus.New)
                    {
                        state.Status = TicketStatus.Assigned;
                    }
                    break;

                case SlaFactKind.StatusChanged:
                    var to = fact.ToStatus ?? state.Status;
                    var transition = $"Status {fact.FromStatus} → {to}" + (fact.Detail is { Length: > 0 } r ? $" ({r})." : ".");
                    if (to == TicketStatus.Resolved)
                    {
                        Resolve(state, at, fact.Actor);
                        resolved = true;
                    }
                    else if (to == TicketStatus.Closed)
                    {
                        Close(state, at);
                        resolved = true;
                    }
                    else if (resolved)
                    {
                        Reopen(state, catalog, at, transition);
                        resolved = false;
                    }
                    state.Status = to;
                    paused = SyncPause(state, paused, resolved, at, transition);
                    break;

                case SlaFactKind.Commented:
                    if ((fact.IsFirstResponse || fact.IsPublicAgentReply) && state.Clocks.TryGetValue(SlaMetric.FirstResponse, out var firstResponse) && firstResponse.IsOpen)
                    {
                        Complete(state, firstResponse, ClockStatus.Met, at, $"First response by {fact.Actor ?? "an agent"}.");
                        state.FirstRespondedAt ??= at;
                    }
                    if (fact.IsFirstResponse || fact.IsPublicAgentReply)
                    {
                        state.FirstRespondedAt ??= at;
                    }
                    if (fact.IsPublicAgentReply && !resolved && state.Policy?.NextUpdate is not null && state.SubmittedAt is not null)
                    {
                        Start(state, catalog, SlaMetric.NextUpdate, at, $"Public reply by {fact.Actor ?? "an agent"}; next update due within {state.Policy.NextUpdate}.");
                        if (paused)
                        {
                            Pause(state, state.Clocks[SlaMetric.NextUpdate], at, "Ticket is waiting (pause state).");
                        }
                    }
                    break;

                case SlaFactKind.Resolved:
                    Resolve(state, at, fact.Actor);
                    resolved = true;
                    state.Status = TicketStatus.Resolved;
                    paused = false;
                    break;

                case SlaFactKind.Reopened:
                    if (resolved)
                    {
                        Reopen(state, catalog, at, "Reopened" + (fact.Detail is { Length: > 0 } why ? $": {why}." : "."));
                        resolved = false;
                        state.Status = TicketStatus.InProgress;
                        paused = SyncPause(state, false, resolved, at, "Reopened.");
                    }
                    break;

                case SlaFactKind.Closed:
                    Close(state, at);
                    resolved = true;
                    state.Status = TicketStatus.Closed;
                    paused = false;
                    break;

                case SlaFactKind.Rated:
                    state.SatisfactionScore = fact.Score;
                    break;
            }
        }
        return state;
    }

    private static SlaPolicy? Select(TicketSlaState state, SlaCatalog catalog) =>
        state.ItemPolicy is { } named && catalog.Policies.TryGetValue(named, out var itemPolicy)
            ? itemPolicy
            : catalog.Select(state.Type, state.Priority, state.Queue, state.Organisation);

    private static void Start(TicketSlaState state, SlaCatalog catalog, SlaMetric metric, DateTimeOffset at, string reason)
    {
        var policy = state.Policy!;
        if (policy.TargetFor(metric) is not { } target)
        {
            return;
        }
        var restarted = state.Clocks.TryGetValue(metric, out var existing);
        var clock = new ClockState
        {
            Metric = metric,
            Policy = policy.Name,
            Calendar = catalog.CalendarFor(policy.Calendar),
            Target = target,
            Thresholds = policy.WarningThresholds,
            Status = ClockStatus.Running,
            Cycle = restarted ? existing!.Cycle + 1 : 0,
            StartedAt = at,
            RunningSince = at,
        };
        if (existing is { IsOpen: true })
        {
            Complete(state, existing, ClockStatus.Met, at, "Superseded by a new cycle.", log: false);
        }
        state.Clocks[metric] = clock;
        state.Timeline.Add(new(at, restarted ? TimelineKind.Restarted : TimelineKind.Started, metric,
            $"{reason} Target {target} on calendar {clock.Calendar.Name}.", policy.Name));
    }

    private static void Pause(TicketSlaState state, ClockState clock, DateTimeOffset at, string reason)
    {
        if (clock.Status != ClockStatus.Running)
        {
            return;
        }
        clock.Accumulate(at);
        clock.Status = ClockStatus.Paused;
        clock.RunningSince = null;
        clock.PausedSince = at;
        state.Timeline.Add(new(at, TimelineKind.Paused, clock.Metric, reason, clock.Policy));
    }

    private static void Resume(TicketSlaState state, ClockState clock, DateTimeOffset at, string reason)
    {
        if (clock.Status != ClockStatus.Paused)
        {
            return;
        }
        clock.Paused += at - (clock.PausedSince ?? at);
        clock.PausedSince = null;
        clock.Status = ClockStatus.Running;
        clock.RunningSince = at;
        state.Timeline.Add(new(at, TimelineKind.Resumed, clock.Metric, reason, clock.Policy));
    }

    private static void Complete(TicketSlaState state, ClockState clock, ClockStatus outcome, DateTimeOffset at, string reason, bool log = true)
    {
        if (!clock.IsOpen)
        {
            return;
        }
        clock.Accumulate(at);
        if (clock.Status == ClockStatus.Paused)
        {
            clock.Paused += at - (clock.PausedSince ?? at);
        }
        clock.Status = outcome;
        clock.RunningSince = null;
        clock.PausedSince = null;
        clock.CompletedAt = at;
        if (log)
        {
            var verdict = clock.ElapsedBefore > clock.Target ? $"target {clock.Target} missed" : $"within target {clock.Target}";
            state.Timeline.Add(new(at, outcome == ClockStatus.Met ? TimelineKind.Met : TimelineKind.Stopped, clock.Metric,
                $"{reason} Business time {clock.ElapsedBefore}, {verdict}.", clock.Policy));
        }
    }

    /// <summary>Pauses or resumes every open clock so that they agree with the policy's pause states.</summary>
    private static bool SyncPause(TicketSlaState state, bool paused, bool resolved, DateTimeOffset at, string reason)
    {
        var shouldPause = !resolved && state.Policy is { } policy && policy.PauseStatuses.Contains(state.Status);
        if (shouldPause == paused)
        {
            return paused;
        }
        foreach (var clock in state.Clocks.Values.Where(c => c.IsOpen).ToList())
        {
            if (shouldPause)
            {
                Pause(state, clock, at, reason);
            }
            else
            {
                Resume(state, clock, at, reason);
            }
        }
        return shouldPause;
    }

    private static void Resolve(TicketSlaState state, DateTimeOffset at, string? by)
    {
        if (state.ResolvedAt is { } previous && previous >= at && !state.Clocks.Values.Any(c => c.IsOpen))
        {
            return;
        }
        state.ResolvedAt = at;
        if (state.Clocks.TryGetValue(SlaMetric.FirstResponse, out var firstResponse))
        {
            Complete(state, firstResponse, ClockStatus.Met, at, "Resolved before a separate first response.");
        }
        if (state.Clocks.TryGetValue(SlaMetric.Resolution, out var resolution))
        {
            Complete(state, resolution, ClockStatus.Met, at, $"Resolved{(by is null ? "" : $" by {by}")}.");
        }
        if (state.Clocks.TryGetValue(SlaMetric.NextUpdate, out var nextUpdate))
        {
            Complete(state, nextUpdate, ClockStatus.Stopped, at, "Resolved: no further updates owed.");
        }
    }

    private static void Close(TicketSlaState state, DateTimeOffset at)
    {
        state.ClosedAt ??= at;
        foreach (var clock in state.Clocks.Values.Where(c => c.IsOpen).ToList())
        {
            Complete(state, clock, ClockStatus.Stopped, at, "Ticket closed.");
        }
    }

    private static void Reopen(TicketSlaState state, SlaCatalog catalog, DateTimeOffset at, string reason)
    {
        state.ResolvedAt = null;
        state.ClosedAt = null;
        if (state.Policy is not { } policy)
        {
            return;
        }
        if (state.Clocks.TryGetValue(SlaMetric.Resolution, out var resolution) && !policy.RestartResolutionOnReopen)
        {
            resolution.Status = ClockStatus.Running;
            resolution.RunningSince = at;
            resolution.CompletedAt = null;
            state.Timeline.Add(new(at, TimelineKind.Resumed, SlaMetric.Resolution, $"{reason} Resolution clock resumes at business time {resolution.ElapsedBefore}.", resolution.Policy));
        }
        else
        {
            Start(state, catalog, SlaMetric.Resolution, at, $"{reason} Resolution clock restarts from zero.");
        }
        if (policy.NextUpdate is not null && state.FirstRespondedAt is not null)
        {
            Start(state, catalog, SlaMetric.NextUpdate, at, $"{reason} Next update owed.");
        }
    }

    /// <summary>Routing changed queue or priority: switch to the newly matching policy, keeping what has accumulated.</summary>
    private static void Reselect(TicketSlaState state, SlaCatalog catalog, DateTimeOffset at, string reason)
    {
        if (state.SubmittedAt is null)
        {
            return;
        }
        var selected = Select(state, catalog);
        if (selected is null || selected.Name == state.Policy?.Name)
        {
            return;
        }
        var previous = state.Policy;
        state.Policy = selected;
        var calendar = catalog.CalendarFor(selected.Calendar);
        state.Timeline.Add(new(at, TimelineKind.PolicyChanged, null, $"{reason} Policy {previous?.Name ?? "(none)"} → {selected.Name}.", selected.Name));

        foreach (var metric in new[] { SlaMetric.FirstResponse, SlaMetric.Resolution, SlaMetric.NextUpdate })
        {
            var target = selected.TargetFor(metric);
            if (state.Clocks.TryGetValue(metric, out var clock) && clock.IsOpen)
            {
                clock.Accumulate(at);
                if (target is null)
                {
                    Complete(state, clock, ClockStatus.Stopped, at, $"Policy {selected.Name} has no {metric} target.");
                    continue;
                }
                clock.Policy = selected.Name;
                clock.Calendar = calendar;
                clock.Target = target.Value;
                clock.Thresholds = selected.WarningThresholds;
                // Whether the target was crossed is re-judged against the new target.
                clock.TargetReachedAt = clock.ElapsedBefore >= clock.Target ? clock.TargetReachedAt ?? at : null;
            }
            else if (clock is null && target is not null && state.ResolvedAt is null && state.ClosedAt is null &&
                     (metric == SlaMetric.Resolution || (metric == SlaMetric.FirstResponse && state.FirstRespondedAt is null)))
            {
                Start(state, catalog, metric, at, $"Policy {selected.Name} adds a {metric} target.");
            }
        }
    }
}

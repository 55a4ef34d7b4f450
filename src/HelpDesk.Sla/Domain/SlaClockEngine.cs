namespace HelpDesk.Sla.Domain;

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
        foreach (var fact in facts.OrderBy(f => f.OccurredAt).ThenBy(f => f.Kind == SlaFactKind.Submitted ? 0 : 1).ThenBy(f => f.Id))
        {
            if (!string.IsNullOrEmpty(fact.TicketNumber))
            {
                state.TicketNumber = fact.TicketNumber;
            }
            Apply(state, fact, catalog);
        }
        return state;
    }

    private static void Apply(TicketSlaState state, SlaFact fact, SlaCatalog catalog)
    {
        switch (fact.Kind)
        {
            case SlaFactKind.Submitted:
                OnSubmitted(state, fact, catalog);
                break;
            case SlaFactKind.Routed:
                OnRouted(state, fact, catalog);
                break;
            case SlaFactKind.Assigned:
                OnAssigned(state, fact, catalog);
                break;
            case SlaFactKind.StatusChanged:
                OnStatusChanged(state, fact, catalog);
                break;
            case SlaFactKind.Commented:
                OnCommented(state, fact, catalog);
                break;
            case SlaFactKind.Resolved:
                OnResolved(state, fact);
                break;
            case SlaFactKind.Reopened:
                OnReopened(state, fact, catalog);
                break;
            case SlaFactKind.Closed:
                OnClosed(state, fact);
                break;
            case SlaFactKind.Rated:
                state.SatisfactionScore = fact.Score;
                break;
        }
    }

    /// <summary>The first submission selects the policy and starts the first-response and resolution clocks.</summary>
    private static void OnSubmitted(TicketSlaState state, SlaFact fact, SlaCatalog catalog)
    {
        if (state.SubmittedAt is not null)
        {
            return;
        }
        var at = fact.OccurredAt;
        state.Type = fact.Type ?? TicketType.Incident;
        state.SubmittedPriority = fact.Priority ?? TicketPriority.Medium;
        state.Priority = state.PriorityOverride ?? state.SubmittedPriority;
        state.Organisation = fact.Organisation;
        state.SubmittedAt = at;
        state.Policy = Select(state, catalog);
        if (state.Policy is null)
        {
            state.Timeline.Add(new(at, TimelineKind.Stopped, null, "Ticket submitted; no SLA policy matches it, so no clocks run."));
            return;
        }
        var reason = $"Ticket submitted ({state.Type}, {state.Priority}); policy {state.Policy.Name}.";
        Start(state, catalog, SlaMetric.FirstResponse, at, reason);
        Start(state, catalog, SlaMetric.Resolution, at, reason);
    }

    /// <summary>Routing sets the queue and may override the priority: the policy is selected again.</summary>
    private static void OnRouted(TicketSlaState state, SlaFact fact, SlaCatalog catalog)
    {
        var at = fact.OccurredAt;
        state.Queue = fact.Queue ?? state.Queue;
        state.ItemPolicy = fact.PolicyName ?? state.ItemPolicy;
        state.PriorityOverride = fact.Priority ?? state.PriorityOverride;
        state.Priority = state.PriorityOverride ?? state.SubmittedPriority;
        Reselect(state, catalog, at, $"Routed to queue {state.Queue}" + (fact.Priority is { } p ? $" with priority {p}" : "") + $" by {fact.Detail ?? "routing"}.");
        SyncPause(state, at, $"Policy {state.Policy?.Name} pause states.");
    }

    /// <summary>An assignment into another queue selects the policy again; a new ticket becomes Assigned.</summary>
    private static void OnAssigned(TicketSlaState state, SlaFact fact, SlaCatalog catalog)
    {
        var at = fact.OccurredAt;
        state.AssigneeId = fact.Actor;
        if (!string.IsNullOrEmpty(fact.Queue) && !string.Equals(fact.Queue, state.Queue, StringComparison.OrdinalIgnoreCase))
        {
            state.Queue = fact.Queue;
            Reselect(state, catalog, at, $"Assigned to {fact.Actor} in queue {fact.Queue}.");
            SyncPause(state, at, $"Policy {state.Policy?.Name} pause states.");
        }
        if (state.Status == TicketStatus.New)
        {
            state.Status = TicketStatus.Assigned;
        }
    }

    /// <summary>Resolved and Closed stop the clocks, leaving them reopens, and pause states pause them.</summary>
    private static void OnStatusChanged(TicketSlaState state, SlaFact fact, SlaCatalog catalog)
    {
        var at = fact.OccurredAt;
        var to = fact.ToStatus ?? state.Status;
        var transition = $"Status {fact.FromStatus} → {to}" + (fact.Detail is { Length: > 0 } r ? $" ({r})." : ".");
        if (to == TicketStatus.Resolved)
        {
            Resolve(state, at, fact.Actor);
            state.Finished = true;
        }
        else if (to == TicketStatus.Closed)
        {
            Close(state, at);
            state.Finished = true;
        }
        else if (state.Finished)
        {
            Reopen(state, catalog, at, transition);
            state.Finished = false;
        }
        state.Status = to;
        SyncPause(state, at, transition);
    }

    /// <summary>A first response meets its clock; a public agent reply (re)starts the next-update clock.</summary>
    private static void OnCommented(TicketSlaState state, SlaFact fact, SlaCatalog catalog)
    {
        var at = fact.OccurredAt;
        var responds = fact.IsFirstResponse || fact.IsPublicAgentReply;
        if (responds && state.Clocks.TryGetValue(SlaMetric.FirstResponse, out var firstResponse) && firstResponse.IsOpen)
        {
            Complete(state, firstResponse, ClockStatus.Met, at, $"First response by {fact.Actor ?? "an agent"}.");
        }
        if (responds)
        {
            state.FirstRespondedAt ??= at;
        }
        if (fact.IsPublicAgentReply && !state.Finished && state.Policy?.NextUpdate is not null && state.SubmittedAt is not null)
        {
            Start(state, catalog, SlaMetric.NextUpdate, at, $"Public reply by {fact.Actor ?? "an agent"}; next update due within {state.Policy.NextUpdate}.");
            if (state.ClocksPaused)
            {
                Pause(state, state.Clocks[SlaMetric.NextUpdate], at, "Ticket is waiting (pause state).");
            }
        }
    }

    private static void OnResolved(TicketSlaState state, SlaFact fact)
    {
        Resolve(state, fact.OccurredAt, fact.Actor);
        state.Finished = true;
        state.Status = TicketStatus.Resolved;
        state.ClocksPaused = false;
    }

    private static void OnReopened(TicketSlaState state, SlaFact fact, SlaCatalog catalog)
    {
        if (!state.Finished)
        {
            return;
        }
        var at = fact.OccurredAt;
        Reopen(state, catalog, at, "Reopened" + (fact.Detail is { Length: > 0 } why ? $": {why}." : "."));
        state.Finished = false;
        state.Status = TicketStatus.InProgress;
        // Reopen runs the clocks it resumes or restarts: judge the pause state afresh.
        state.ClocksPaused = false;
        SyncPause(state, at, "Reopened.");
    }

    private static void OnClosed(TicketSlaState state, SlaFact fact)
    {
        Close(state, fact.OccurredAt);
        state.Finished = true;
        state.Status = TicketStatus.Closed;
        state.ClocksPaused = false;
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
    private static void SyncPause(TicketSlaState state, DateTimeOffset at, string reason)
    {
        var shouldPause = !state.Finished && state.Policy is { } policy && policy.PauseStatuses.Contains(state.Status);
        if (shouldPause == state.ClocksPaused)
        {
            return;
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
        state.ClocksPaused = shouldPause;
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

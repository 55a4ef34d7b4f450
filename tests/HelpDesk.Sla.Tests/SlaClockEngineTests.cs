using HelpDesk.Contracts;
using static HelpDesk.Sla.Tests.Facts;
using HelpDesk.Sla.Domain;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Sla.Tests;

public sealed class SlaClockEngineTests
{
    private static readonly Guid Ticket = Guid.Parse("0199a000-0000-7000-8000-000000000001");

    private static readonly SlaCatalog Catalog = Facts.Catalog(
        ("standard", new PolicyDefinition { FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(8), NextUpdate = TimeSpan.FromHours(2) }),
        ("critical", new PolicyDefinition { Priorities = [TicketPriority.Critical], FirstResponse = TimeSpan.FromMinutes(15), Resolution = TimeSpan.FromHours(4) }),
        ("network-critical", new PolicyDefinition { Priorities = [TicketPriority.Critical], Queues = ["network"], Resolution = TimeSpan.FromHours(2), PauseStatuses = [] }),
        ("acme", new PolicyDefinition { Organisations = ["ACME"], Resolution = TimeSpan.FromHours(24), RestartResolutionOnReopen = true }));

    [Fact]
    public void Submission_starts_first_response_and_resolution_on_the_selected_policy()
    {
        var state = SlaClockEngine.Replay(List(SlaFact.From(Submitted(Ticket, T0))), Catalog);
        Assert.Equal("standard", state.Policy!.Name);
        Assert.Equal(ClockStatus.Running, state.Clocks[SlaMetric.FirstResponse].Status);
        Assert.Equal(TimeSpan.FromHours(8), state.Clocks[SlaMetric.Resolution].Target);
        Assert.False(state.Clocks.ContainsKey(SlaMetric.NextUpdate));
        Assert.Equal(2, state.Timeline.Count(e => e.Kind == TimelineKind.Started));
    }

    [Fact]
    public void The_most_specific_policy_wins()
    {
        Assert.Equal("critical", Catalog.Select(TicketType.Incident, TicketPriority.Critical, null, null)!.Name);
        Assert.Equal("network-critical", Catalog.Select(TicketType.Incident, TicketPriority.Critical, "network", null)!.Name);
        Assert.Equal("acme", Catalog.Select(TicketType.Incident, TicketPriority.Low, "network", "acme")!.Name);
        Assert.Equal("standard", Catalog.Select(TicketType.Change, TicketPriority.Low, "desk", null)!.Name);
    }

    [Fact]
    public void Pending_customer_pauses_and_a_reply_resumes()
    {
        var state = SlaClockEngine.Replay(List(
            SlaFact.From(Submitted(Ticket, T0)),
            SlaFact.From(AgentReply(Ticket, T0.AddMinutes(30), first: true)),
            SlaFact.From(Status(Ticket, T0.AddHours(1), TicketStatus.InProgress, TicketStatus.PendingCustomer)),
            SlaFact.From(Status(Ticket, T0.AddHours(3), TicketStatus.PendingCustomer, TicketStatus.InProgress))), Catalog);

        var resolution = state.Clocks[SlaMetric.Resolution];
        Assert.Equal(ClockStatus.Running, resolution.Status);
        Assert.Equal(TimeSpan.FromHours(1), resolution.ElapsedBefore);
        Assert.Equal(TimeSpan.FromHours(2), resolution.Paused);
        Assert.Equal(TimeSpan.FromHours(2), resolution.ElapsedAt(T0.AddHours(4)));
        Assert.Equal(ClockStatus.Met, state.Clocks[SlaMetric.FirstResponse].Status);
        Assert.Equal(TimeSpan.FromMinutes(30), state.Clocks[SlaMetric.FirstResponse].ElapsedBefore);
        // The next-update clock started at the reply and paused/resumed with the ticket.
        Assert.Equal(TimeSpan.FromHours(2), state.Clocks[SlaMetric.NextUpdate].Paused);
        Assert.Contains(state.Timeline, e => e.Kind == TimelineKind.Paused && e.Metric == SlaMetric.Resolution && e.Reason.Contains("PendingCustomer", StringComparison.Ordinal));
        Assert.Contains(state.Timeline, e => e.Kind == TimelineKind.Resumed && e.Metric == SlaMetric.Resolution);
    }

    [Fact]
    public void A_policy_change_on_routing_keeps_elapsed_and_paused_time()
    {
        var state = SlaClockEngine.Replay(List(
            SlaFact.From(Submitted(Ticket, T0)),
            SlaFact.From(Status(Ticket, T0.AddHours(1), TicketStatus.New, TicketStatus.PendingCustomer)),
            SlaFact.From(Status(Ticket, T0.AddHours(2), TicketStatus.PendingCustomer, TicketStatus.InProgress)),
            SlaFact.From(Routed(Ticket, T0.AddHours(3), "desk", TicketPriority.Critical))), Catalog);

        var resolution = state.Clocks[SlaMetric.Resolution];
        Assert.Equal("critical", state.Policy!.Name);
        Assert.Equal("critical", resolution.Policy);
        Assert.Equal(TimeSpan.FromHours(4), resolution.Target);
        Assert.Equal(TimeSpan.FromHours(2), resolution.ElapsedBefore);
        Assert.Equal(TimeSpan.FromHours(1), resolution.Paused);
        Assert.Equal(T0.AddHours(3), resolution.RunningSince);
        Assert.Contains(state.Timeline, e => e.Kind == TimelineKind.PolicyChanged && e.Reason.Contains("standard → critical", StringComparison.Ordinal));
        // The first-response target was crossed at T0+1h under the old policy (1 h) and stays crossed under the new one (15 min).
        Assert.Equal(T0.AddHours(1), state.Clocks[SlaMetric.FirstResponse].TargetReachedAt);
    }

    [Fact]
    public void A_policy_change_while_paused_keeps_the_pause_running_and_its_length()
    {
        var state = SlaClockEngine.Replay(List(
            SlaFact.From(Submitted(Ticket, T0, TicketPriority.Critical)),
            SlaFact.From(Status(Ticket, T0.AddHours(1), TicketStatus.New, TicketStatus.PendingCustomer)),
            SlaFact.From(Routed(Ticket, T0.AddHours(2), "desk", TicketPriority.High)),
            SlaFact.From(Status(Ticket, T0.AddHours(4), TicketStatus.PendingCustomer, TicketStatus.InProgress))), Catalog);

        var resolution = state.Clocks[SlaMetric.Resolution];
        Assert.Equal("standard", resolution.Policy);
        Assert.Equal(TimeSpan.FromHours(1), resolution.ElapsedBefore);
        Assert.Equal(TimeSpan.FromHours(3), resolution.Paused);
        Assert.Equal(ClockStatus.Running, resolution.Status);
    }

    [Fact]
    public void A_policy_without_pause_states_resumes_a_paused_clock_when_selected()
    {
        var state = SlaClockEngine.Replay(List(
            SlaFact.From(Submitted(Ticket, T0, TicketPriority.Critical)),
            SlaFact.From(Status(Ticket, T0.AddHours(1), TicketStatus.New, TicketStatus.PendingCustomer)),
            SlaFact.From(Routed(Ticket, T0.AddHours(2), "network"))), Catalog);

        var resolution = state.Clocks[SlaMetric.Resolution];
        Assert.Equal("network-critical", resolution.Policy);
        Assert.Equal(ClockStatus.Running, resolution.Status);
        Assert.Equal(TimeSpan.FromHours(1), resolution.Paused);
        // network-critical has no first-response target: that clock stops.
        Assert.Equal(ClockStatus.Stopped, state.Clocks[SlaMetric.FirstResponse].Status);
    }

    [Fact]
    public void Resolution_stops_the_clocks_and_reopening_resumes_where_it_stopped()
    {
        var state = SlaClockEngine.Replay(List(
            SlaFact.From(Submitted(Ticket, T0)),
            SlaFact.From(Resolved(Ticket, T0.AddHours(3))),
            SlaFact.From(Reopened(Ticket, T0.AddHours(10))),
            SlaFact.From(Resolved(Ticket, T0.AddHours(12)))), Catalog);

        var resolution = state.Clocks[SlaMetric.Resolution];
        Assert.Equal(ClockStatus.Met, resolution.Status);
        Assert.Equal(TimeSpan.FromHours(5), resolution.ElapsedBefore);
        Assert.Equal(0, resolution.Cycle);
        Assert.Equal(ClockStatus.Met, state.Clocks[SlaMetric.FirstResponse].Status);
        Assert.Contains(state.Timeline, e => e.Kind == TimelineKind.Resumed && e.Reason.Contains("Still broken", StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_can_restart_the_resolution_clock_on_reopen()
    {
        var state = SlaClockEngine.Replay(List(
            SlaFact.From(Submitted(Ticket, T0, organisation: "acme")),
            SlaFact.From(Resolved(Ticket, T0.AddHours(3))),
            SlaFact.From(Reopened(Ticket, T0.AddHours(10)))), Catalog);

        var resolution = state.Clocks[SlaMetric.Resolution];
        Assert.Equal(ClockStatus.Running, resolution.Status);
        Assert.Equal(1, resolution.Cycle);
        Assert.Equal(TimeSpan.Zero, resolution.ElapsedBefore);
        Assert.Equal(T0.AddHours(10), resolution.StartedAt);
    }

    [Fact]
    public void Each_public_agent_reply_restarts_the_next_update_clock()
    {
        var state = SlaClockEngine.Replay(List(
            SlaFact.From(Submitted(Ticket, T0)),
            SlaFact.From(AgentReply(Ticket, T0.AddMinutes(20), first: true)),
            SlaFact.From(AgentReply(Ticket, T0.AddHours(2))),
            SlaFact.From(AgentReply(Ticket, T0.AddHours(3)))), Catalog);

        var nextUpdate = state.Clocks[SlaMetric.NextUpdate];
        Assert.Equal(2, nextUpdate.Cycle);
        Assert.Equal(T0.AddHours(3), nextUpdate.StartedAt);
        Assert.Equal(ClockStatus.Running, nextUpdate.Status);
    }

    [Fact]
    public void Arrival_order_does_not_matter()
    {
        var facts = new[]
        {
            SlaFact.From(Submitted(Ticket, T0)),
            SlaFact.From(Routed(Ticket, T0.AddMinutes(5), "desk", TicketPriority.Critical)),
            SlaFact.From(Status(Ticket, T0.AddHours(1), TicketStatus.InProgress, TicketStatus.PendingCustomer)),
            SlaFact.From(Status(Ticket, T0.AddHours(2), TicketStatus.PendingCustomer, TicketStatus.InProgress)),
            SlaFact.From(AgentReply(Ticket, T0.AddHours(2.5), first: true)),
            SlaFact.From(Resolved(Ticket, T0.AddHours(5))),
        };
        var inOrder = SlaClockEngine.Replay(List(facts), Catalog);
        var shuffled = SlaClockEngine.Replay(List([facts[5], facts[2], facts[4], facts[0], facts[3], facts[1]]), Catalog);

        foreach (var metric in inOrder.Clocks.Keys)
        {
            Assert.Equal(inOrder.Clocks[metric].ElapsedBefore, shuffled.Clocks[metric].ElapsedBefore);
            Assert.Equal(inOrder.Clocks[metric].Paused, shuffled.Clocks[metric].Paused);
            Assert.Equal(inOrder.Clocks[metric].Status, shuffled.Clocks[metric].Status);
        }
        Assert.Equal(TimeSpan.FromHours(4), inOrder.Clocks[SlaMetric.Resolution].ElapsedBefore);
        Assert.Equal(inOrder.Timeline, shuffled.Timeline);
    }

    [Fact]
    public void Events_before_submission_are_applied_when_it_arrives()
    {
        var state = SlaClockEngine.Replay(List(
            SlaFact.From(Routed(Ticket, T0.AddSeconds(-1), "network", TicketPriority.Critical)),
            SlaFact.From(Submitted(Ticket, T0))), Catalog);
        Assert.Equal("network-critical", state.Policy!.Name);
        Assert.Equal("network", state.Queue);
    }

    [Fact]
    public void Closing_without_resolution_stops_every_clock()
    {
        var state = SlaClockEngine.Replay(List(
            SlaFact.From(Submitted(Ticket, T0)),
            SlaFact.From(new TicketClosed(Ticket, "HD-1", T0.AddHours(9)))), Catalog);
        Assert.All(state.Clocks.Values, c => Assert.Equal(ClockStatus.Stopped, c.Status));
        // The resolution target (8 h) was crossed at T0+8h while the clock ran.
        Assert.Equal(T0.AddHours(8), state.Clocks[SlaMetric.Resolution].TargetReachedAt);
    }

    [Fact]
    public void The_schedule_walks_warnings_then_breach_and_owes_a_breach_after_stopping_late()
    {
        var calendar = BusinessCalendar.Always;
        var next = ClockSchedule.Next(ClockStatus.Running, TimeSpan.FromHours(8), [75, 90], TimeSpan.Zero, T0, null, 0, calendar);
        Assert.Equal((75, T0.AddHours(6)), next);
        next = ClockSchedule.Next(ClockStatus.Running, TimeSpan.FromHours(8), [75, 90], TimeSpan.Zero, T0, null, 75, calendar);
        Assert.Equal((90, T0.AddHours(7.2)), next);
        next = ClockSchedule.Next(ClockStatus.Running, TimeSpan.FromHours(8), [75, 90], TimeSpan.FromHours(2), T0, null, 90, calendar);
        Assert.Equal((100, T0.AddHours(6)), next);
        Assert.Null(ClockSchedule.Next(ClockStatus.Running, TimeSpan.FromHours(8), [75, 90], TimeSpan.Zero, T0, null, 100, calendar));
        Assert.Null(ClockSchedule.Next(ClockStatus.Paused, TimeSpan.FromHours(8), [75, 90], TimeSpan.FromHours(7), null, null, 75, calendar));
        Assert.Equal((100, T0), ClockSchedule.Next(ClockStatus.Met, TimeSpan.FromHours(8), [75, 90], TimeSpan.FromHours(9), null, T0, 75, calendar));
    }

    [Fact]
    public void Invalid_policies_name_the_field()
    {
        var errors = new Validation();
        var policy = new PolicyDefinition
        {
            Calendar = "nowhere", WarningThresholds = [75, 120], PauseStatuses = [TicketStatus.Closed], FirstResponse = TimeSpan.FromHours(-1),
        }.Compile("bad", new HashSet<string> { "24x7" }, errors);
        Assert.Null(policy);
        Assert.Equal(["calendar", "firstResponse", "pauseStatuses", "warningThresholds"], errors.Errors.Keys.Order().ToArray());
    }
}

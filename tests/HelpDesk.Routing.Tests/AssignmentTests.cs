using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Routing.Api;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.Extensions.Time.Testing;
using Microsoft.EntityFrameworkCore;
using HelpDesk.Routing.Domain;

namespace HelpDesk.Routing.Tests;

public sealed class AssignmentTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> DefaultQueue(string queue) => new() { ["Routing:DefaultQueue"] = queue };

    [Fact]
    public async Task Round_robin_takes_agents_in_turn()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, DefaultQueue("rr"));
        await host.PutQueueAsync("rr", AssignmentStrategy.RoundRobin);
        foreach (var id in new[] { "a3", "a1", "a2" })
        {
            await host.PutAgentAsync(id, ["rr"]);
        }

        var agents = new List<string?>();
        for (var i = 0; i < 7; i++)
        {
            agents.Add((await host.SubmitAsync(RoutingUnderTest.NewTicket($"ticket {i}"))).AgentId);
        }

        Assert.Equal(["a1", "a2", "a3", "a1", "a2", "a3", "a1"], agents);
        var assigned = await host.EventsAsync<TicketAssigned>();
        Assert.Equal(7, assigned.Count);
        Assert.All(assigned, a => Assert.Equal(("rr", "round-robin"), (a.Queue, a.Strategy)));
        Assert.Equal("a1@desk.example", assigned[0].AgentEmail);
    }

    [Fact]
    public async Task Least_loaded_fills_the_agent_with_the_fewest_open_tickets_relative_to_capacity()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, DefaultQueue("ll"));
        await host.PutQueueAsync("ll", AssignmentStrategy.LeastLoaded);
        await host.PutAgentAsync("b1", ["ll"], capacity: 10);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("b1", (await host.SubmitAsync(RoutingUnderTest.NewTicket($"early {i}"))).AgentId);
        }
        await host.PutAgentAsync("b2", ["ll"], capacity: 10);
        await host.PutAgentAsync("big", ["ll"], capacity: 40);

        var later = new List<string?>();
        for (var i = 0; i < 12; i++)
        {
            later.Add((await host.SubmitAsync(RoutingUnderTest.NewTicket($"later {i}"))).AgentId);
        }

        var agents = await host.Client.GetFromJsonAsync<List<AgentView>>("/api/v1/routing/agents", TestJson.Options, Cancel);
        var open = agents!.ToDictionary(a => a.Id, a => a.OpenTickets);
        // 15 tickets over capacities 10/10/40: the 40-capacity agent takes about four times the others' share.
        Assert.Equal(15, open.Values.Sum());
        Assert.Equal(9, open["big"]);
        Assert.Equal(3, open["b1"]);
        Assert.Equal(3, open["b2"]);
        Assert.DoesNotContain("b1", later.Take(3));
    }

    [Fact]
    public async Task Skills_match_prefers_agents_with_the_most_required_skills_then_the_least_loaded()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        await host.PutQueueAsync("infra", AssignmentStrategy.SkillsMatch);
        await host.PutAgentAsync("net1", ["infra"], skills: ["Network"]);
        await host.PutAgentAsync("hw1", ["infra"], skills: ["Hardware"]);
        await host.PutAgentAsync("net-linux", ["infra"], skills: ["network", "Linux"]);
        (await host.PostRuleAsync(new { name = "network", keywords = TestValues.Of("router"), queue = "infra", category = "Network" })).EnsureSuccessStatusCode();
        (await host.PostRuleAsync(new { name = "hardware", keywords = TestValues.Of("monitor"), queue = "infra", category = "Hardware" })).EnsureSuccessStatusCode();

        var linuxRouter = await host.SubmitAsync(RoutingUnderTest.NewTicket("router down", tags: ["linux"]));
        var router = await host.SubmitAsync(RoutingUnderTest.NewTicket("router slow"));
        var monitor = await host.SubmitAsync(RoutingUnderTest.NewTicket("monitor flickers"));

        Assert.Equal("net-linux", linuxRouter.AgentId);
        Assert.Equal("net1", router.AgentId); // both network agents qualify; net1 has fewer open tickets
        Assert.Equal("hw1", monitor.AgentId);
        Assert.All(await host.EventsAsync<TicketAssigned>(), a => Assert.Equal("skills-match", a.Strategy));
    }

    [Fact]
    public async Task Skilled_agents_at_capacity_make_the_ticket_wait_rather_than_go_to_an_unskilled_agent()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, DefaultQueue("infra"));
        await host.PutQueueAsync("infra", AssignmentStrategy.SkillsMatch);
        await host.PutAgentAsync("dba", ["infra"], capacity: 1, skills: ["database"]);
        await host.PutAgentAsync("generalist", ["infra"], capacity: 5);

        var first = await host.SubmitAsync(RoutingUnderTest.NewTicket("slow query", tags: ["database"]));
        var second = await host.SubmitAsync(RoutingUnderTest.NewTicket("deadlocks", tags: ["database"]));
        var untagged = await host.SubmitAsync(RoutingUnderTest.NewTicket("something else"));

        Assert.Equal("dba", first.AgentId);
        Assert.Equal((RoutedTicketState.Waiting, null), (second.State, second.AgentId));
        Assert.Equal("generalist", untagged.AgentId); // needs no skill anyone has: any available agent
    }

    [Fact]
    public async Task Unavailable_or_full_agents_are_skipped_and_waiting_tickets_are_assigned_when_room_appears()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, DefaultQueue("desk"));
        await host.PutAgentAsync("off", ["desk"], capacity: 1, onShift: false);
        await host.PutAgentAsync("away", ["desk"], capacity: 5, outOfOfficeUntil: DateTimeOffset.UtcNow.AddDays(2));
        await host.PutAgentAsync("busy", ["desk"], capacity: 1);

        var first = await host.SubmitAsync(RoutingUnderTest.NewTicket("first"));
        var second = await host.SubmitAsync(RoutingUnderTest.NewTicket("second"));
        var third = await host.SubmitAsync(RoutingUnderTest.NewTicket("third"));
        Assert.Equal("busy", first.AgentId);
        Assert.Equal((RoutedTicketState.Waiting, null), (second.State, second.AgentId));
        Assert.Equal(RoutedTicketState.Waiting, third.State);
        Assert.Empty(await host.EventsAsync<TicketAssigned>(second.TicketId));

        // Coming on shift takes the oldest waiting ticket (capacity 1).
        var response = await host.Client.PutAsJsonAsync("/api/v1/routing/agents/off/availability", new { onShift = true }, TestJson.Options, Cancel);
        response.EnsureSuccessStatusCode();
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<AgentView>(TestJson.Options, Cancel))!.OpenTickets);
        Assert.Equal("off", (await host.RoutedAsync(second.TicketId)).AgentId);
        Assert.Null((await host.RoutedAsync(third.TicketId)).AgentId);

        // Resolving the first ticket frees "busy", who takes the third.
        await host.GetRequiredService<IBus>().Publish(new TicketResolved(first.TicketId, first.TicketNumber, DateTimeOffset.UtcNow), Cancel);
        var third2 = await Eventually.GetAsync(async () => await host.RoutedAsync(third.TicketId) is { AgentId: not null } t ? t : null, what: "third ticket assigned");
        Assert.Equal("busy", third2.AgentId);
        Assert.False((await host.RoutedAsync(first.TicketId)).IsOpen);
        Assert.DoesNotContain(await host.EventsAsync<TicketAssigned>(), a => a.AgentId == "away");
    }

    [Fact]
    public async Task Status_changes_close_and_reopen_keep_open_ticket_counts_right()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, DefaultQueue("desk"));
        await host.PutAgentAsync("solo", ["desk"], capacity: 5);
        var ticket = await host.SubmitAsync(RoutingUnderTest.NewTicket("one"));
        var bus = host.GetRequiredService<IBus>();
        async Task<int> OpenAsync() => (await host.Client.GetFromJsonAsync<AgentView>("/api/v1/routing/agents/solo", TestJson.Options, Cancel))!.OpenTickets;
        Assert.Equal(1, await OpenAsync());

        await bus.Publish(new TicketStatusChanged(ticket.TicketId, ticket.TicketNumber, TicketStatus.InProgress, TicketStatus.Resolved, DateTimeOffset.UtcNow), Cancel);
        await Eventually.TrueAsync(async () => await OpenAsync() == 0, what: "load released on resolution");
        await bus.Publish(new TicketReopened(ticket.TicketId, ticket.TicketNumber, DateTimeOffset.UtcNow), Cancel);
        await Eventually.TrueAsync(async () => await OpenAsync() == 1, what: "load back on reopen");
        await bus.Publish(new TicketClosed(ticket.TicketId, ticket.TicketNumber, DateTimeOffset.UtcNow), Cancel);
        await Eventually.TrueAsync(async () => await OpenAsync() == 0, what: "load released on close");
        // Events about tickets routing never saw are harmless.
        await bus.Publish(new TicketClosed(Guid.NewGuid(), "T-UNKNOWN", DateTimeOffset.UtcNow), Cancel);
        await Eventually.TrueAsync(() => host.QueryAsync(db => db.InboxMessages.CountAsync(m => m.Consumer == "UpdateAgentLoadOnClosure").ContinueWith(c => c.Result == 2)));
    }

    [Fact]
    public async Task The_sweeper_assigns_waiting_tickets_when_an_out_of_office_ends()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?>
        {
            ["Routing:DefaultQueue"] = "desk",
            ["Routing:WaitingTicketSweepInterval"] = "00:01:00",
        }, time: time);
        await host.PutAgentAsync("returning", ["desk"], outOfOfficeUntil: time.GetUtcNow().AddHours(1));
        var ticket = await host.SubmitAsync(RoutingUnderTest.NewTicket("while away"));
        Assert.Equal(RoutedTicketState.Waiting, ticket.State);

        time.Advance(TimeSpan.FromMinutes(30)); // a sweep while still away assigns nothing
        time.Advance(TimeSpan.FromMinutes(31));
        var assigned = await Eventually.GetAsync(async () => await host.RoutedAsync(ticket.TicketId) is { AgentId: not null } t ? t : null, what: "assignment after out-of-office");
        Assert.Equal("returning", assigned.AgentId);
        Assert.True(assigned.AssignedAt >= ticket.ReceivedAt.AddHours(1));
    }

    [Fact]
    public async Task Agent_and_queue_input_is_validated()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        var agent = await host.Client.PutAsJsonAsync("/api/v1/routing/agents/x", new { name = "", capacity = -1, email = "nope" }, TestJson.Options, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, agent.StatusCode);
        var errors = (await agent.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Cancel)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("capacity", out _) && errors.TryGetProperty("email", out _));
        var queue = await host.Client.PutAsJsonAsync("/api/v1/routing/queues/q", new { }, TestJson.Options, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, queue.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.Client.PutAsJsonAsync("/api/v1/routing/agents/ghost/availability", new { onShift = true }, TestJson.Options, Cancel)).StatusCode);
    }
}

using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using HelpDesk.Routing.Domain;

namespace HelpDesk.Routing.Tests;

public sealed class ConcurrencyTests
{
    // 10,000 for the fairness claim (least-loaded); round-robin's turn order is checked with fewer to keep the suite short.
    [Theory]
    [InlineData(AssignmentStrategy.LeastLoaded, 10_000)]
    [InlineData(AssignmentStrategy.RoundRobin, 2_000)]
    public async Task Concurrent_tickets_are_each_assigned_once_and_equal_agents_stay_within_one(AssignmentStrategy strategy, int tickets)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?> { ["Routing:DefaultQueue"] = "desk" });
        await host.PutQueueAsync("desk", strategy);
        var agents = Enumerable.Range(1, 7).Select(i => $"agent-{i:D2}").ToList();
        foreach (var agent in agents)
        {
            await host.PutAgentAsync(agent, ["desk"], capacity: tickets);
        }

        // The consumer endpoint handles up to 8 messages at once; publish from many tasks at the same time.
        var submitted = Enumerable.Range(0, tickets).Select(i => RoutingUnderTest.NewTicket($"load ticket {i}")).ToList();
        await Parallel.ForEachAsync(submitted, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancel },
            async (ticket, _) => await host.PublishAsync(ticket));
        // No total time limit: on a loaded machine 10,000 commits take what they take (CI ran this at load 30–170);
        // assignments that stop progressing for 2 minutes are the failure.
        await Eventually.ProgressAsync(() => host.QueryAsync(db => db.RoutedTickets.CountAsync(t => t.AgentId != null)), tickets,
            stall: TimeSpan.FromMinutes(2), what: "all tickets assigned");

        var perAgent = await host.QueryAsync(db => db.RoutedTickets.GroupBy(t => t.AgentId!).Select(g => new { Agent = g.Key, Open = g.Count(t => t.IsOpen) }).ToListAsync());
        Assert.Equal(agents, perAgent.Select(a => a.Agent).Order());
        var loads = perAgent.Select(a => a.Open).ToList();
        Assert.Equal(tickets, loads.Sum());
        Assert.True(loads.Max() - loads.Min() <= 1, $"open tickets per agent: {string.Join(", ", loads)}");

        var counters = await host.QueryAsync(db => db.Agents.ToDictionaryAsync(a => a.Id, a => a.OpenTickets));
        Assert.All(perAgent, a => Assert.Equal(a.Open, counters[a.Agent]));

        var assignedType = typeof(TicketAssigned).FullName + ",";
        var assignments = await host.QueryAsync(db => db.OutboxMessages.Where(m => m.MessageType.StartsWith(assignedType)).Select(m => m.TicketId).ToListAsync());
        Assert.Equal(tickets, assignments.Count);
        Assert.Equal(tickets, assignments.Distinct().Count());
    }

    // Tickets that find nobody with room are routed side by side (PostgreSQL: the queue lock taken shared); an agent
    // coming on shift meanwhile must still get every one of them — none may be left for the sweeper (an hour here).
    [Fact]
    public async Task Tickets_routed_while_room_appears_are_all_assigned_without_the_sweeper()
    {
        const int tickets = 400;
        var cancel = TestContext.Current.CancellationToken;
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?>
        {
            ["Routing:DefaultQueue"] = "desk",
            ["Routing:WaitingTicketSweepInterval"] = "01:00:00",
        });
        await host.PutAgentAsync("late", ["desk"], capacity: tickets, onShift: false);

        var submitted = Enumerable.Range(0, tickets).Select(i => RoutingUnderTest.NewTicket($"arriving ticket {i}")).ToList();
        var publishing = Parallel.ForEachAsync(submitted, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancel },
            async (ticket, _) => await host.PublishAsync(ticket));
        await Eventually.TrueAsync(
            () => host.QueryAsync(async db => await db.RoutedTickets.CountAsync() >= tickets / 4),
            what: "a quarter of the tickets routed (waiting)");
        var response = await host.Client.PutAsJsonAsync("/api/v1/routing/agents/late/availability", new { onShift = true }, TestJson.Options, cancel);
        response.EnsureSuccessStatusCode();
        await publishing;

        await Eventually.ProgressAsync(() => host.QueryAsync(db => db.RoutedTickets.CountAsync(t => t.AgentId == "late")), tickets,
            stall: TimeSpan.FromMinutes(2), what: "every ticket assigned to the agent who came on shift");
        Assert.Equal(0, await host.QueryAsync(db => db.RoutedTickets.CountAsync(t => t.State == RoutedTicketState.Waiting)));
        Assert.Equal(tickets, await host.QueryAsync(db => db.Agents.Where(a => a.Id == "late").Select(a => a.OpenTickets).SingleAsync()));
        var assignedType = typeof(TicketAssigned).FullName + ",";
        var assignments = await host.QueryAsync(db => db.OutboxMessages.Where(m => m.MessageType.StartsWith(assignedType)).Select(m => m.TicketId).ToListAsync());
        Assert.Equal(tickets, assignments.Distinct().Count());
        Assert.Equal(tickets, assignments.Count);
    }
}

using HelpDesk.Contracts;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Tests;

/// <summary>
/// Two changes to one waiting ticket at the same moment — room frees up in its queue (routing picks it for the freed
/// agent) while a person hands it to someone by name — must end with one holder that both routing's ticket and the
/// agents' counts agree on. On PostgreSQL (read committed) the later commit used to overwrite the earlier one's ticket
/// row without noticing: the ticket showed one agent, both agents counted it, and Intake showed the other one.
/// </summary>
public sealed class HandOverRaceTests
{
    private const int Rounds = 30;

    [Fact]
    public async Task A_hand_over_racing_an_assignment_of_the_same_waiting_ticket_leaves_one_holder_counted_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?> { ["Routing:DefaultQueue"] = "desk" });
        await host.PutAgentAsync("agent-a", ["desk"], capacity: 1);
        await host.PutAgentAsync("agent-b", ["elsewhere"], capacity: Rounds);
        var bus = host.GetRequiredService<IBus>();

        for (var round = 1; round <= Rounds; round++)
        {
            var holder = await host.SubmitAsync(RoutingUnderTest.NewTicket($"holder {round}"));
            Assert.Equal("agent-a", (await Eventually.GetAsync(() => host.QueryAsync(db => db.RoutedTickets.AsNoTracking()
                .FirstOrDefaultAsync(t => t.TicketId == holder.TicketId && t.AgentId != null)), what: "holder assigned")).AgentId);
            var waiting = await host.SubmitAsync(RoutingUnderTest.NewTicket($"waiting {round}"));
            Assert.Null(waiting.AgentId); // agent-a is full

            // At once: the holder is resolved (agent-a has room again: routing picks the waiting ticket for her) and
            // someone hands the waiting ticket to agent-b by name.
            var (resolvedId, movedId) = (Guid.NewGuid(), Guid.NewGuid());
            await Task.WhenAll(
                bus.Publish(new TicketResolved(holder.TicketId, holder.TicketNumber, DateTimeOffset.UtcNow), c => c.MessageId = resolvedId, ct),
                bus.Publish(new TicketReassigned(waiting.TicketId, waiting.TicketNumber, 1, null, "agent-b", "Agent B", "desk", "desk", "lead", DateTimeOffset.UtcNow), c => c.MessageId = movedId, ct));
            await Eventually.TrueAsync(() => host.QueryAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == resolvedId || m.MessageId == movedId)).ContinueWith(t => t.Result == 2, ct),
                what: "both messages consumed");

            // Either order ends the same way: the later hand-over stands, agent-a is free again.
            var ticket = await host.RoutedAsync(waiting.TicketId);
            var loads = await host.QueryAsync(db => db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.OpenTickets));
            var held = await host.QueryAsync(db => db.RoutedTickets.AsNoTracking().Where(t => t.IsOpen && t.AgentId != null).GroupBy(t => t.AgentId!)
                .Select(g => new { Agent = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Agent, g => g.Count));
            Assert.True(ticket.AgentId == "agent-b" && loads["agent-a"] == 0 && loads["agent-b"] == round,
                $"round {round}: ticket held by {ticket.AgentId}, open tickets agent-a {loads["agent-a"]}, agent-b {loads["agent-b"]} (expected agent-b, 0, {round})");
            Assert.Equal(held.GetValueOrDefault("agent-a"), loads["agent-a"]);
            Assert.Equal(held.GetValueOrDefault("agent-b"), loads["agent-b"]);
            var last = (await host.EventsAsync<TicketAssigned>(waiting.TicketId))[^1];
            Assert.Equal(("agent-b", 1L), (last.AgentId, last.AssignmentSequence ?? 0));
        }
    }
}

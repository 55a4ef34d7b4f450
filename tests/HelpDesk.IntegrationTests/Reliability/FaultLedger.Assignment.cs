using HelpDesk.Contracts;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Reliability;

/// <summary>Assignment: agents' load counters against the tickets routing holds assigned to them, counted row by row.</summary>
public sealed partial class FaultLedger
{
    /// <summary>
    /// Each agent's <c>OpenTickets</c> equals the open tickets assigned to it and stays within its capacity; no ticket
    /// waits in a queue while an agent of that queue has room; every assigned ticket of the run was announced
    /// (TicketAssigned in routing's outbox) exactly once, a waiting one never.
    /// </summary>
    public async Task CheckAgentLoadsAsync(FaultLedgerReport report, IReadOnlyDictionary<string, Guid> acknowledged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var routing = Open<RoutingDbContext>("routingdb");
        var agents = await routing.Agents.AsNoTracking().ToListAsync(cancellationToken);
        var tickets = await routing.RoutedTickets.AsNoTracking()
            .Select(t => new { t.TicketId, t.Queue, t.State, t.AgentId, t.IsOpen }).ToListAsync(cancellationToken);
        var held = tickets.Where(t => t.State == RoutedTicketState.Assigned && t.IsOpen && t.AgentId != null)
            .GroupBy(t => t.AgentId!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        report.Count("agents", agents.Count);
        report.Count("tickets assigned", held.Values.Sum());
        report.Count("tickets waiting", tickets.Count(t => t.State == RoutedTicketState.Waiting));
        foreach (var agent in agents)
        {
            var count = held.GetValueOrDefault(agent.Id);
            report.Require(agent.OpenTickets == count, $"agent {agent.Id} counts {agent.OpenTickets} open tickets but holds {count}");
            report.Require(count <= agent.Capacity, $"agent {agent.Id} holds {count} tickets over its capacity {agent.Capacity}");
        }
        foreach (var queue in tickets.Where(t => t.State == RoutedTicketState.Waiting).Select(t => t.Queue).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var idle in agents.Where(a => a.Queues.Contains(queue, StringComparer.OrdinalIgnoreCase) && held.GetValueOrDefault(a.Id) < a.Capacity))
            {
                report.Fail($"tickets wait in {queue} while agent {idle.Id} holds {held.GetValueOrDefault(idle.Id)} of {idle.Capacity}");
            }
        }

        var ids = acknowledged.Values.ToHashSet();
        var type = typeof(TicketAssigned).FullName + ",";
        var announced = (await routing.OutboxMessages.AsNoTracking().Where(m => m.TicketId != null && m.MessageType.StartsWith(type))
            .Select(m => m.TicketId!.Value).ToListAsync(cancellationToken)).Where(ids.Contains).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        report.Count("TicketAssigned published", announced.Values.Sum());
        foreach (var ticket in tickets.Where(t => ids.Contains(t.TicketId)))
        {
            var times = announced.GetValueOrDefault(ticket.TicketId);
            var expected = ticket.State == RoutedTicketState.Assigned ? 1 : 0;
            report.Require(times == expected, $"ticket {ticket.TicketId} ({ticket.State}) was announced assigned {times} times");
        }
    }
}

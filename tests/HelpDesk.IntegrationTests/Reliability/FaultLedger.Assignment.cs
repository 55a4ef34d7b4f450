using HelpDesk.Contracts;
using HelpDesk.Intake.Infrastructure;
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
            foreach (var idle in agents.Where(a => a.Queues.Contains(queue, StringComparer.OrdinalIgnoreCase) && a.HasRoom(held.GetValueOrDefault(a.Id), DateTimeOffset.UtcNow)))
            {
                report.Fail($"tickets wait in {queue} while agent {idle.Id} holds {held.GetValueOrDefault(idle.Id)} of {idle.Capacity}");
            }
        }

        var ids = acknowledged.Values.ToHashSet();
        var announced = (await AssignedRows(routing).Select(m => m.TicketId!.Value).ToListAsync(cancellationToken))
            .Where(ids.Contains).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        report.Count("TicketAssigned published", announced.Values.Sum());
        foreach (var ticket in tickets.Where(t => ids.Contains(t.TicketId)))
        {
            var times = announced.GetValueOrDefault(ticket.TicketId);
            var expected = ticket.State == RoutedTicketState.Assigned ? 1 : 0;
            report.Require(times == expected, $"ticket {ticket.TicketId} ({ticket.State}) was announced assigned {times} times");
        }
    }

    /// <summary>
    /// Intake learned every assignment: each TicketAssigned of the run's tickets that routing wrote is dispatched and
    /// in intake's inbox (<c>RecordAssignmentOnTicket</c>) exactly once, and — once they have settled (at most
    /// <paramref name="settle"/>) — intake's assignee of every ticket is the agent routing holds it with, none for a
    /// waiting ticket.
    /// </summary>
    public async Task CheckAssignmentsRecordedAsync(FaultLedgerReport report, IReadOnlyDictionary<string, Guid> acknowledged, TimeSpan settle,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ids = acknowledged.Values.ToList();
        var deadline = DateTime.UtcNow + settle;
        List<string> disagreements;
        while (true)
        {
            disagreements = await AssigneeDisagreementsAsync(ids, cancellationToken);
            if (disagreements.Count == 0 || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        disagreements.ForEach(report.Fail);

        await using var routing = Open<RoutingDbContext>("routingdb");
        var rows = await AssignedRows(routing).Where(m => ids.Contains(m.TicketId!.Value))
            .Select(m => new { m.MessageId, m.DispatchedAt }).ToListAsync(cancellationToken);
        foreach (var row in rows.Where(r => r.DispatchedAt is null))
        {
            report.Fail($"TicketAssigned {row.MessageId} was never published");
        }
        var messageIds = rows.Select(r => r.MessageId).ToList();
        await using var intake = Open<IntakeDbContext>("intakedb");
        var handled = await intake.InboxMessages.AsNoTracking().Where(m => m.Consumer == "RecordAssignmentOnTicket" && messageIds.Contains(m.MessageId))
            .Select(m => m.MessageId).ToListAsync(cancellationToken);
        report.Count("inbox RecordAssignmentOnTicket", handled.Count);
        foreach (var twice in handled.GroupBy(m => m).Where(g => g.Count() > 1))
        {
            report.Fail($"RecordAssignmentOnTicket recorded TicketAssigned {twice.Key} {twice.Count()} times");
        }
        foreach (var missing in messageIds.Except(handled))
        {
            report.Fail($"RecordAssignmentOnTicket never handled TicketAssigned {missing}");
        }
    }

    /// <summary>Tickets whose assignee in intake is not the agent routing holds them with (or has one while routing lets it wait).</summary>
    private async Task<List<string>> AssigneeDisagreementsAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        await using var routing = Open<RoutingDbContext>("routingdb");
        var routed = await routing.RoutedTickets.AsNoTracking().Where(t => ids.Contains(t.TicketId))
            .Select(t => new { t.TicketId, t.State, t.AgentId })
            .ToDictionaryAsync(t => t.TicketId, t => t.State == RoutedTicketState.Assigned ? t.AgentId : null, cancellationToken);
        await using var intake = Open<IntakeDbContext>("intakedb");
        var recorded = await intake.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.AssigneeId }).ToDictionaryAsync(t => t.Id, t => t.AssigneeId, cancellationToken);
        return [.. ids.Where(id => routed.GetValueOrDefault(id) != recorded.GetValueOrDefault(id))
            .Select(id => $"ticket {id}: routing holds it with {routed.GetValueOrDefault(id) ?? "nobody"}, intake shows {recorded.GetValueOrDefault(id) ?? "nobody"}")];
    }

    /// <summary>Routing's TicketAssigned outbox rows.</summary>
    private static IQueryable<HelpDesk.Messaging.Outbox.OutboxMessage> AssignedRows(RoutingDbContext routing)
    {
        var type = typeof(TicketAssigned).FullName + ",";
        return routing.OutboxMessages.AsNoTracking().Where(m => m.TicketId != null && m.MessageType.StartsWith(type));
    }
}

using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Domain;

/// <summary>
/// Keeps agents' open-ticket counts right as tickets resolve, close and reopen; freed room goes to waiting tickets.
/// Events about tickets routing never saw (routed before this service kept records, or never routed) change nothing.
/// </summary>
public sealed class AgentLoadTracker(AssignmentService assignment, TimeProvider time)
{
    /// <summary>Applies a lifecycle event: resolved or closed finishes the ticket, reopened (or a status back out of them) reopens it.</summary>
    public Task ApplyAsync(RoutingDbContext db, ITicketEvent lifecycle, CancellationToken cancellationToken) => lifecycle switch
    {
        TicketResolved resolved => TicketFinishedAsync(db, resolved.TicketId, resolved: true, cancellationToken),
        TicketClosed closed => TicketFinishedAsync(db, closed.TicketId, resolved: false, cancellationToken),
        TicketReopened reopened => TicketReopenedAsync(db, reopened.TicketId, cancellationToken),
        TicketStatusChanged changed => StatusChangedAsync(db, changed, cancellationToken),
        _ => throw new ArgumentException($"{lifecycle.GetType().Name} does not change agent load.", nameof(lifecycle)),
    };

    private Task StatusChangedAsync(RoutingDbContext db, TicketStatusChanged changed, CancellationToken cancellationToken)
    {
        var wasFinished = changed.From is TicketStatus.Resolved or TicketStatus.Closed;
        var isFinished = changed.To is TicketStatus.Resolved or TicketStatus.Closed;
        return (wasFinished, isFinished) switch
        {
            (false, true) => TicketFinishedAsync(db, changed.TicketId, changed.To == TicketStatus.Resolved, cancellationToken),
            (true, false) => TicketReopenedAsync(db, changed.TicketId, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    private async Task TicketFinishedAsync(RoutingDbContext db, Guid ticketId, bool resolved, CancellationToken cancellationToken)
    {
        if (await db.RoutedTickets.FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken) is not { } ticket)
        {
            return;
        }
        var wasOpen = ticket.IsOpen;
        if (!ticket.Finish(resolved, time.GetUtcNow()) || ticket.AgentId is null)
        {
            return;
        }
        if (wasOpen && await FindAgentAsync(db, ticket.AgentId, cancellationToken) is { } agent)
        {
            agent.Release();
        }
        await assignment.AssignWaitingAsync(db, ticket.Queue, cancellationToken);
    }

    private async Task TicketReopenedAsync(RoutingDbContext db, Guid ticketId, CancellationToken cancellationToken)
    {
        if (await db.RoutedTickets.FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken) is not { } ticket || !ticket.Reopen())
        {
            return;
        }
        if (ticket.AgentId is null)
        {
            await assignment.TryAssignAsync(db, ticket, cancellationToken);
        }
        else if (await FindAgentAsync(db, ticket.AgentId, cancellationToken) is { } agent)
        {
            agent.TakeBack();
        }
    }

    /// <summary>
    /// An agent's hand-over: the agent routing recorded gives the ticket up (−1), the named agent takes it (+1), or with
    /// only a queue the queue's strategy picks one (or the ticket waits); freed room goes to waiting tickets.
    /// </summary>
    public async Task TicketReassignedAsync(RoutingDbContext db, TicketReassigned moved, CancellationToken cancellationToken)
    {
        // The queues' locks before any row is read: hand-overs of one queue then run one after another on fresh rows
        // instead of racing for the same agents' counts (1,000 of them on PostgreSQL lost that race 1,695 times). Costs one
        // more round trip per hand-over (the queue name), on PostgreSQL only.
        if (db.Database.IsNpgsql() && await db.RoutedTickets.Where(t => t.TicketId == moved.TicketId).Select(t => t.Queue).FirstOrDefaultAsync(cancellationToken) is { } queue)
        {
            await assignment.LockQueuesAsync(db, [queue, moved.ToQueue?.Trim()], cancellationToken);
        }
        if (await db.RoutedTickets.FirstOrDefaultAsync(t => t.TicketId == moved.TicketId, cancellationToken) is not { } ticket)
        {
            return;
        }
        var handOver = ticket.HandOver(moved);
        if (!handOver.Applied || !handOver.Assignable)
        {
            return;
        }
        if (handOver.FromAgent is { } from && await FindAgentAsync(db, from, cancellationToken) is { } previous)
        {
            previous.Release();
        }
        if (moved.ToAgentId is { } agentId)
        {
            var agent = await FindAgentAsync(db, agentId, cancellationToken);
            db.PublishEvent(ticket.AssignByHand(agentId, agent, moved.ToAgentName, time.GetUtcNow()), ticket.TicketId);
        }
        else
        {
            await assignment.TryAssignAsync(db, ticket, cancellationToken);
        }
        if (handOver.FromAgent is not null)
        {
            await assignment.AssignWaitingAsync(db, handOver.FromQueue, cancellationToken);
        }
    }

    private static Task<Agent?> FindAgentAsync(RoutingDbContext db, string agentId, CancellationToken cancellationToken) =>
        db.Agents.FirstOrDefaultAsync(a => a.Id == agentId, cancellationToken);
}

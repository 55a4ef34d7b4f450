using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using HelpDesk.Routing.Infrastructure;

namespace HelpDesk.Routing.Domain;

/// <summary>Keeps agents' open-ticket counts right as tickets resolve, close and reopen; freed room goes to waiting tickets.</summary>
public sealed class AgentLoadTracker(AssignmentService assignment, TimeProvider time)
{
    public async Task TicketFinishedAsync(RoutingDbContext db, Guid ticketId, bool resolved, CancellationToken cancellationToken)
    {
        var ticket = await db.RoutedTickets.FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken);
        if (ticket is null)
        {
            return; // routed before this service kept records, or never routed: nothing loads an agent
        }
        if (resolved)
        {
            ticket.ResolvedAt ??= time.GetUtcNow();
        }
        if (!ticket.IsOpen && ticket.State is RoutedTicketState.Done or RoutedTicketState.Rejected)
        {
            return;
        }
        if (ticket.IsOpen && ticket.AgentId is not null)
        {
            await ChangeLoadAsync(db, ticket.AgentId, -1, cancellationToken);
        }
        ticket.IsOpen = false;
        if (ticket.State != RoutedTicketState.Rejected)
        {
            ticket.State = RoutedTicketState.Done;
        }
        if (ticket.AgentId is not null)
        {
            await assignment.AssignWaitingAsync(db, ticket.Queue, cancellationToken);
        }
    }

    public async Task TicketReopenedAsync(RoutingDbContext db, Guid ticketId, CancellationToken cancellationToken)
    {
        var ticket = await db.RoutedTickets.FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken);
        if (ticket is null || ticket.State is not RoutedTicketState.Done)
        {
            return;
        }
        ticket.ResolvedAt = null;
        ticket.IsOpen = true;
        if (ticket.AgentId is not null)
        {
            // The same agent takes it back, even above capacity: the requester's context is with them.
            ticket.State = RoutedTicketState.Assigned;
            await ChangeLoadAsync(db, ticket.AgentId, +1, cancellationToken);
        }
        else
        {
            ticket.State = RoutedTicketState.Waiting;
            await assignment.TryAssignAsync(db, ticket, cancellationToken);
        }
    }

    /// <summary>
    /// An agent handed a ticket over (ordered by sequence; an older hand-over than the one applied is ignored). Who gives
    /// the ticket up comes from routing's own record, so counts stay exact even when Intake had not yet seen routing's
    /// latest assignment: that agent −1; the named agent +1 (even above capacity: a person chose them), or with only a
    /// queue the queue's strategy picks one (or the ticket waits). TicketAssigned answers with the same sequence.
    /// </summary>
    public async Task TicketReassignedAsync(RoutingDbContext db, TicketReassigned moved, CancellationToken cancellationToken)
    {
        var ticket = await db.RoutedTickets.FirstOrDefaultAsync(t => t.TicketId == moved.TicketId, cancellationToken);
        if (ticket is null || moved.Sequence <= ticket.ReassignmentSequence)
        {
            return;
        }
        ticket.ReassignmentSequence = moved.Sequence;
        var (previousQueue, previousAgent) = (ticket.Queue, ticket.State == RoutedTicketState.Assigned && ticket.IsOpen ? ticket.AgentId : null);
        ticket.Queue = string.IsNullOrWhiteSpace(moved.ToQueue) ? ticket.Queue : moved.ToQueue;
        if (ticket.State is RoutedTicketState.Done or RoutedTicketState.Rejected or RoutedTicketState.AwaitingApproval)
        {
            ticket.AgentId = moved.ToAgentId ?? ticket.AgentId; // recorded; it loads nobody until it is open and assignable
            return;
        }
        if (previousAgent is not null)
        {
            await ChangeLoadAsync(db, previousAgent, -1, cancellationToken);
        }
        ticket.IsOpen = true;
        if (moved.ToAgentId is { } agentId)
        {
            await AssignByHandAsync(db, ticket, agentId, moved, cancellationToken);
        }
        else
        {
            ticket.AgentId = null;
            ticket.State = RoutedTicketState.Waiting;
            await assignment.TryAssignAsync(db, ticket, cancellationToken);
        }
        if (previousAgent is not null)
        {
            await assignment.AssignWaitingAsync(db, previousQueue, cancellationToken);
        }
    }

    private async Task AssignByHandAsync(RoutingDbContext db, RoutedTicket ticket, string agentId, TicketReassigned moved, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == agentId, cancellationToken);
        ticket.AgentId = agentId;
        ticket.State = RoutedTicketState.Assigned;
        ticket.AssignedAt = now;
        ticket.AssignmentStrategy = "manual";
        if (agent is not null)
        {
            agent.OpenTickets++;
            agent.LastAssignedAt = now;
        }
        db.PublishEvent(new TicketAssigned(ticket.TicketId, ticket.TicketNumber, ticket.Queue, agentId, agent?.Name ?? moved.ToAgentName ?? agentId,
            ticket.AssignmentStrategy, now, agent?.Email, moved.Sequence), ticket.TicketId);
    }

    private static async Task ChangeLoadAsync(RoutingDbContext db, string agentId, int change, CancellationToken cancellationToken)
    {
        if (await db.Agents.FirstOrDefaultAsync(a => a.Id == agentId, cancellationToken) is { } agent)
        {
            agent.OpenTickets = Math.Max(0, agent.OpenTickets + change);
        }
    }
}

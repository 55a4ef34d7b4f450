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

    private static async Task ChangeLoadAsync(RoutingDbContext db, string agentId, int change, CancellationToken cancellationToken)
    {
        if (await db.Agents.FirstOrDefaultAsync(a => a.Id == agentId, cancellationToken) is { } agent)
        {
            agent.OpenTickets = Math.Max(0, agent.OpenTickets + change);
        }
    }
}

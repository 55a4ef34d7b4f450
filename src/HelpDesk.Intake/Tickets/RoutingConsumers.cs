using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Tickets;

/// <summary>Shows routing's decision on the ticket record.</summary>
public sealed class RecordRoutingOnTicket(IntakeDbContext db, ILogger<RecordRoutingOnTicket> logger)
    : IdempotentConsumer<TicketRouted, IntakeDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<TicketRouted> context, CancellationToken cancellationToken)
    {
        var routed = context.Message;
        var ticket = await Db.Tickets.FirstOrDefaultAsync(t => t.Id == routed.TicketId, cancellationToken)
            ?? throw new InvalidOperationException($"Ticket {routed.TicketId} not found for TicketRouted");
        ticket.Queue = routed.Queue;
        ticket.Category = routed.Category;
        ticket.RoutedBy = routed.DecidedBy;
        if (routed.PriorityOverride is { } priority)
        {
            ticket.Priority = priority;
        }
        TicketWorkflow.Touch(ticket, routed.RoutedAt > ticket.UpdatedAt ? routed.RoutedAt : ticket.UpdatedAt);
    }
}

/// <summary>Records the assignee and moves a new ticket to Assigned.</summary>
public sealed class RecordAssignmentOnTicket(IntakeDbContext db, ILogger<RecordAssignmentOnTicket> logger)
    : IdempotentConsumer<TicketAssigned, IntakeDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<TicketAssigned> context, CancellationToken cancellationToken)
    {
        var assigned = context.Message;
        var ticket = await Db.Tickets.FirstOrDefaultAsync(t => t.Id == assigned.TicketId, cancellationToken)
            ?? throw new InvalidOperationException($"Ticket {assigned.TicketId} not found for TicketAssigned");
        ticket.AssigneeId = assigned.AgentId;
        ticket.AssigneeName = assigned.AgentName;
        ticket.Queue ??= assigned.Queue;
        // Only a new ticket moves to Assigned; a later reassignment just records the agent.
        if (ticket.Status == TicketStatus.New)
        {
            var from = ticket.Status;
            ticket.Status = TicketStatus.Assigned;
            Db.PublishEventFor(ticket, new TicketStatusChanged(ticket.Id, ticket.Number, from, ticket.Status, assigned.AssignedAt, "routing", "assigned"));
        }
        TicketWorkflow.Touch(ticket, assigned.AssignedAt > ticket.UpdatedAt ? assigned.AssignedAt : ticket.UpdatedAt);
    }
}

internal static class IntakeOutbox
{
    public static void PublishEventFor<TEvent>(this IntakeDbContext db, Ticket ticket, TEvent message) where TEvent : class =>
        HelpDesk.Messaging.Outbox.OutboxExtensions.PublishEvent(db, message, ticket.Id);
}

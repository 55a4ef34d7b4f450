using HelpDesk.Messaging.Inbox;
using MassTransit;

namespace HelpDesk.Routing.Consumers;

/// <summary>An agent handed a ticket to someone else: move the open-ticket counts and answer with TicketAssigned.</summary>
public sealed class FollowReassignment(RoutingDbContext db, AgentLoadTracker tracker, ILogger<FollowReassignment> logger)
    : IdempotentConsumer<TicketReassigned, RoutingDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<TicketReassigned> context, CancellationToken cancellationToken) =>
        tracker.TicketReassignedAsync(Db, context.Message, cancellationToken);
}

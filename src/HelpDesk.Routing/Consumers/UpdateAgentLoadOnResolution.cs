using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using MassTransit;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;

namespace HelpDesk.Routing.Consumers;

public sealed class UpdateAgentLoadOnResolution(RoutingDbContext db, AgentLoadTracker tracker, ILogger<UpdateAgentLoadOnResolution> logger)
    : IdempotentConsumer<TicketResolved, RoutingDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<TicketResolved> context, CancellationToken cancellationToken) =>
        tracker.TicketFinishedAsync(Db, context.Message.TicketId, resolved: true, cancellationToken);
}

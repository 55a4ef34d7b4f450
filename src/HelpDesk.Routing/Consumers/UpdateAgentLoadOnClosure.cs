using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using MassTransit;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;

namespace HelpDesk.Routing.Consumers;

public sealed class UpdateAgentLoadOnClosure(RoutingDbContext db, AgentLoadTracker tracker, ILogger<UpdateAgentLoadOnClosure> logger)
    : IdempotentConsumer<TicketClosed, RoutingDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<TicketClosed> context, CancellationToken cancellationToken) =>
        tracker.TicketFinishedAsync(Db, context.Message.TicketId, resolved: false, cancellationToken);
}

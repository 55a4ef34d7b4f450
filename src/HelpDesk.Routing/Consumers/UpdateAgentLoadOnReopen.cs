using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using MassTransit;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;

namespace HelpDesk.Routing.Consumers;

public sealed class UpdateAgentLoadOnReopen(RoutingDbContext db, AgentLoadTracker tracker, ILogger<UpdateAgentLoadOnReopen> logger)
    : IdempotentConsumer<TicketReopened, RoutingDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<TicketReopened> context, CancellationToken cancellationToken) =>
        tracker.TicketReopenedAsync(Db, context.Message.TicketId, cancellationToken);
}

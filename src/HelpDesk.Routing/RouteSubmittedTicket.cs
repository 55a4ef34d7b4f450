using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Outbox;
using MassTransit;

namespace HelpDesk.Routing;

public sealed class RouteSubmittedTicket(RoutingDbContext db, TimeProvider time, ILogger<RouteSubmittedTicket> logger)
    : IdempotentConsumer<TicketSubmitted, RoutingDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<TicketSubmitted> context, CancellationToken cancellationToken)
    {
        var submitted = context.Message;
        Db.RoutingRecords.Add(new RoutingRecord { TicketId = submitted.TicketId, TicketNumber = submitted.TicketNumber, ReceivedAt = time.GetUtcNow() });
        Db.PublishEvent(new TicketRouted(submitted.TicketId, submitted.TicketNumber, "service-desk", "general", "default", time.GetUtcNow()), submitted.TicketId);
        return Task.CompletedTask;
    }
}

using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using MassTransit;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;

namespace HelpDesk.Routing.Consumers;

public sealed class UpdateAgentLoadOnStatusChange(RoutingDbContext db, AgentLoadTracker tracker, ILogger<UpdateAgentLoadOnStatusChange> logger)
    : IdempotentConsumer<TicketStatusChanged, RoutingDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<TicketStatusChanged> context, CancellationToken cancellationToken)
    {
        var changed = context.Message;
        var wasFinished = changed.From is TicketStatus.Resolved or TicketStatus.Closed;
        var isFinished = changed.To is TicketStatus.Resolved or TicketStatus.Closed;
        return (wasFinished, isFinished) switch
        {
            (false, true) => tracker.TicketFinishedAsync(Db, changed.TicketId, changed.To == TicketStatus.Resolved, cancellationToken),
            (true, false) => tracker.TicketReopenedAsync(Db, changed.TicketId, cancellationToken),
            _ => Task.CompletedTask,
        };
    }
}

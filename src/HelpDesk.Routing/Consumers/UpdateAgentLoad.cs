using HelpDesk.Messaging.Inbox;
using MassTransit;

namespace HelpDesk.Routing.Consumers;

/// <summary>
/// Keeps agents' open-ticket counts as tickets resolve, close and reopen (see <see cref="AgentLoadTracker"/>). One
/// class for every lifecycle event it follows; only the message type differs.
/// </summary>
public sealed class UpdateAgentLoad<TEvent>(RoutingDbContext db, AgentLoadTracker tracker, ILogger<UpdateAgentLoad<TEvent>> logger)
    : IdempotentConsumer<TEvent, RoutingDbContext>(db, logger)
    where TEvent : class, ITicketEvent
{
    protected override string ConsumerName => AgentLoadConsumers.NameOf(typeof(TEvent));

    protected override Task HandleAsync(ConsumeContext<TEvent> context, CancellationToken cancellationToken) =>
        tracker.ApplyAsync(Db, context.Message, cancellationToken);
}

using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using MassTransit;

namespace HelpDesk.Notifications.Consumers;

/// <summary>
/// Every event a person or system should hear about, one class for all: updates the ticket projection and writes
/// the deliveries the event causes, in the inbox transaction. Consumers never send. A redelivered message is dropped
/// by the inbox; the unique (event, recipient, channel) key is the second line of defence.
/// </summary>
public sealed class NotificationConsumer<TEvent>(NotificationsDbContext db, DeliveryPlanner planner, TimeProvider time, ILogger<NotificationConsumer<TEvent>> logger)
    : IdempotentConsumer<TEvent, NotificationsDbContext>(db, logger)
    where TEvent : class, ITicketEvent
{
    protected override string ConsumerName => NotificationConsumers.NameOf(typeof(TEvent));

    protected override async Task HandleAsync(ConsumeContext<TEvent> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var ticket = await Db.Tickets.FindAsync([message.TicketId], cancellationToken);
        if (ticket is null)
        {
            ticket = TicketProjection.Start(message);
            Db.Tickets.Add(ticket);
        }
        ticket.Apply(message, time.GetUtcNow());
        await planner.PlanAsync(Db, NotificationEvent.From(message, context.MessageId!.Value, ticket), cancellationToken);
    }
}

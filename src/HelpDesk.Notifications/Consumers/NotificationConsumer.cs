using HelpDesk.Messaging.Inbox;
using MassTransit;

namespace HelpDesk.Notifications.Consumers;

/// <summary>
/// Updates the projection of the ticket an event is about and writes the deliveries the event causes, in the inbox
/// transaction: consumers never send. A redelivered message is dropped by the inbox; the unique (event, recipient,
/// channel) key is the second line of defence. Ticket events all go through <see cref="TicketNotificationConsumer{TEvent}"/>;
/// a subclass of its own is for events about something else (a major-incident candidate).
/// </summary>
public abstract class NotificationConsumer<TMessage>(NotificationsDbContext db, DeliveryPlanner planner, RequesterHold hold, DeliverySignal signal, TimeProvider time, ILogger logger)
    : IdempotentConsumer<TMessage, NotificationsDbContext>(db, logger)
    where TMessage : class
{
    private bool _planned;

    /// <summary>The projection the event updates, as a new one would start (events may overtake TicketSubmitted).</summary>
    protected abstract TicketProjection Identify(TMessage message);

    protected abstract void Apply(TicketProjection ticket, TMessage message, DateTimeOffset now);

    /// <summary>The event as announced, or null when another event already tells people about this change.</summary>
    protected abstract NotificationEvent? Announce(TMessage message, Guid messageId, TicketProjection ticket);

    protected sealed override async Task HandleAsync(ConsumeContext<TMessage> context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        var ticket = await TicketProjectionStart.FindOrStartAsync(Db, Identify(message), time.GetUtcNow(), cancellationToken);
        Apply(ticket, message, time.GetUtcNow());
        if (Announce(message, context.MessageId!.Value, ticket) is { } announced &&
            await planner.PlanAsync(Db, announced, cancellationToken))
        {
            // Only TicketSubmitted carries the requester's address, and this event overtook it: keep the requester's share.
            await hold.HoldAsync(Db, announced, cancellationToken);
        }
        if (message is TicketSubmitted)
        {
            await hold.ReleaseAsync(Db, ticket, cancellationToken);
        }
        _planned = Db.ChangeTracker.Entries<Delivery>().Any();
    }

    /// <summary>
    /// New deliveries wake the worker rather than wait for its next poll. The worker coalesces wake-ups while it is busy
    /// (<see cref="DeliveryOptions.CoalesceDelay"/>), so under load this does not shrink its batches.
    /// </summary>
    protected sealed override void Committed()
    {
        if (_planned)
        {
            signal.Pulse();
        }
    }
}

namespace HelpDesk.Notifications.Consumers;

/// <summary>
/// Every ticket event a person or system should hear about, one class for all: what differs per event lives on the
/// domain types (<see cref="TicketProjection.Apply"/>, <see cref="NotificationEvent.From"/>).
/// </summary>
public sealed class TicketNotificationConsumer<TEvent>(NotificationsDbContext db, DeliveryPlanner planner, RequesterHold hold, DeliverySignal signal, TimeProvider time, ILogger<TicketNotificationConsumer<TEvent>> logger)
    : NotificationConsumer<TEvent>(db, planner, hold, signal, time, logger)
    where TEvent : class, ITicketEvent
{
    protected override string ConsumerName => NotificationConsumers.NameOf(typeof(TEvent));

    protected override TicketProjection Identify(TEvent message) => TicketProjection.Start(message);

    protected override void Apply(TicketProjection ticket, TEvent message, DateTimeOffset now) => ticket.Apply(message, now);

    protected override NotificationEvent? Announce(TEvent message, Guid messageId, TicketProjection ticket) =>
        NotificationEvent.IsQuiet(message) ? null : NotificationEvent.From(message, messageId, ticket);
}

using HelpDesk.Messaging.Inbox;
using HelpDesk.ServiceDefaults;
using MassTransit;

namespace HelpDesk.Sla.Consumers;

/// <summary>
/// Every ticket lifecycle event the clocks follow, one class for all: the event becomes a <see cref="SlaFact"/> and
/// the ticket's clocks are replayed. The inbox drops redeliveries of a message, the fact key drops the same fact
/// arriving under another message id, and the replay makes arrival order irrelevant.
/// </summary>
public sealed class SlaLifecycleConsumer<TEvent>(SlaDbContext db, SlaClockStore store, ILogger<SlaLifecycleConsumer<TEvent>> logger)
    : IdempotentConsumer<TEvent, SlaDbContext>(db, logger)
    where TEvent : class, ITicketEvent
{
    protected override string ConsumerName => SlaLifecycleConsumers.NameOf(typeof(TEvent));

    protected override async Task HandleAsync(ConsumeContext<TEvent> context, CancellationToken cancellationToken)
    {
        var fact = SlaFact.From(context.Message);
        using var activity = HelpDeskTelemetry.ActivitySource.StartActivity($"sla {fact.Kind}");
        activity?.SetTag(HelpDeskTelemetry.TicketIdTag, fact.TicketId);
        await store.ApplyAsync(Db, fact, cancellationToken);
    }
}

using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using MassTransit;

namespace HelpDesk.Sla.Clocks;

/// <summary>
/// Base of the SLA's lifecycle consumers: the inbox drops redeliveries of a message, the fact key drops the same
/// fact arriving under another message id, and the replay makes arrival order irrelevant.
/// </summary>
public abstract class SlaLifecycleConsumer<TMessage>(SlaDbContext db, SlaClockStore store, ILogger logger)
    : IdempotentConsumer<TMessage, SlaDbContext>(db, logger)
    where TMessage : class
{
    protected abstract SlaFact ToFact(TMessage message);

    protected override async Task HandleAsync(ConsumeContext<TMessage> context, CancellationToken cancellationToken)
    {
        var fact = ToFact(context.Message);
        using var activity = HelpDesk.ServiceDefaults.HelpDeskTelemetry.ActivitySource.StartActivity($"sla {fact.Kind}");
        activity?.SetTag(HelpDesk.ServiceDefaults.HelpDeskTelemetry.TicketIdTag, fact.TicketId);
        await store.ApplyAsync(Db, fact, cancellationToken);
    }
}

/// <summary>Starts the first-response and resolution clocks.</summary>
public sealed class StartSlaClocks(SlaDbContext db, SlaClockStore store, ILogger<StartSlaClocks> logger) : SlaLifecycleConsumer<TicketSubmitted>(db, store, logger)
{
    protected override SlaFact ToFact(TicketSubmitted message) => SlaFact.From(message);
}

public sealed class SlaTicketRouted(SlaDbContext db, SlaClockStore store, ILogger<SlaTicketRouted> logger) : SlaLifecycleConsumer<TicketRouted>(db, store, logger)
{
    protected override SlaFact ToFact(TicketRouted message) => SlaFact.From(message);
}

public sealed class SlaTicketAssigned(SlaDbContext db, SlaClockStore store, ILogger<SlaTicketAssigned> logger) : SlaLifecycleConsumer<TicketAssigned>(db, store, logger)
{
    protected override SlaFact ToFact(TicketAssigned message) => SlaFact.From(message);
}

public sealed class SlaTicketStatusChanged(SlaDbContext db, SlaClockStore store, ILogger<SlaTicketStatusChanged> logger) : SlaLifecycleConsumer<TicketStatusChanged>(db, store, logger)
{
    protected override SlaFact ToFact(TicketStatusChanged message) => SlaFact.From(message);
}

public sealed class SlaTicketCommented(SlaDbContext db, SlaClockStore store, ILogger<SlaTicketCommented> logger) : SlaLifecycleConsumer<TicketCommented>(db, store, logger)
{
    protected override SlaFact ToFact(TicketCommented message) => SlaFact.From(message);
}

public sealed class SlaTicketResolved(SlaDbContext db, SlaClockStore store, ILogger<SlaTicketResolved> logger) : SlaLifecycleConsumer<TicketResolved>(db, store, logger)
{
    protected override SlaFact ToFact(TicketResolved message) => SlaFact.From(message);
}

public sealed class SlaTicketReopened(SlaDbContext db, SlaClockStore store, ILogger<SlaTicketReopened> logger) : SlaLifecycleConsumer<TicketReopened>(db, store, logger)
{
    protected override SlaFact ToFact(TicketReopened message) => SlaFact.From(message);
}

public sealed class SlaTicketClosed(SlaDbContext db, SlaClockStore store, ILogger<SlaTicketClosed> logger) : SlaLifecycleConsumer<TicketClosed>(db, store, logger)
{
    protected override SlaFact ToFact(TicketClosed message) => SlaFact.From(message);
}

public sealed class SlaTicketRated(SlaDbContext db, SlaClockStore store, ILogger<SlaTicketRated> logger) : SlaLifecycleConsumer<TicketRated>(db, store, logger)
{
    protected override SlaFact ToFact(TicketRated message) => SlaFact.From(message);
}

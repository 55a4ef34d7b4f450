using HelpDesk.Messaging.Inbox;
using MassTransit;

namespace HelpDesk.Intake.Consumers;

/// <summary>
/// A message that changes a ticket: load the ticket, let it apply the message, queue the events it returns. The
/// inbox makes a redelivery a no-op; a message for an unknown ticket fails (and is retried, then dead-lettered).
/// </summary>
public abstract class TicketConsumer<TMessage>(IntakeDbContext db, ILogger logger) : IdempotentConsumer<TMessage, IntakeDbContext>(db, logger)
    where TMessage : class
{
    protected abstract Guid TicketIdOf(TMessage message);

    protected abstract TicketResult Apply(Ticket ticket, TMessage message);

    /// <summary>Who the ticket's history names for this message's change.</summary>
    protected virtual TicketActor Actor => TicketActor.Service("routing");

    /// <summary>More work on the applied ticket inside the same transaction (e.g. storm detection after routing).</summary>
    protected virtual Task AfterApplyAsync(Ticket ticket, TMessage message, CancellationToken cancellationToken) => Task.CompletedTask;

    protected sealed override async Task HandleAsync(ConsumeContext<TMessage> context, CancellationToken cancellationToken)
    {
        var ticketId = TicketIdOf(context.Message);
        var ticket = await TicketQueries.FindAsync(Db, ticketId, cancellationToken)
            ?? throw new InvalidOperationException($"Ticket {ticketId} not found for {typeof(TMessage).Name}");
        Db.Record(ticket, Apply(ticket, context.Message), Actor, DateTimeOffset.UtcNow);
        await AfterApplyAsync(ticket, context.Message, cancellationToken);
    }
}

using HelpDesk.Messaging.Inbox;
using MassTransit;

namespace HelpDesk.KnowledgeBase.Consumers;

/// <summary>
/// Retired: <see cref="SuggestArticlesForTicket"/> records the requester's ticket in its own transaction now (one
/// consumer transaction per ticket in KB instead of two). Kept only to drain what its queue held when the platform was
/// upgraded: its queue is no longer bound to TicketSubmitted (<see cref="RecordRequesterTicketDefinition"/>, and the
/// topology deployer unbinds it on brokers that have the binding), so nothing new arrives. Inbox-idempotent.
/// </summary>
public sealed class RecordRequesterTicket(KnowledgeBaseDbContext db, ILogger<RecordRequesterTicket> logger)
    : IdempotentConsumer<TicketSubmitted, KnowledgeBaseDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<TicketSubmitted> context, CancellationToken cancellationToken) =>
        RequesterTickets.RecordAsync(Db, context.Message, cancellationToken);
}

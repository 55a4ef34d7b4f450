using HelpDesk.Messaging.Inbox;
using MassTransit;

namespace HelpDesk.KnowledgeBase.Consumers;

/// <summary>
/// Remembers who filed which ticket when (requester e-mail, lower-case), for the deflection report: a visit followed by
/// no ticket from the same requester within the window was deflected. Inbox-idempotent; kept for the analytics retention.
/// </summary>
public sealed class RecordRequesterTicket(KnowledgeBaseDbContext db, ILogger<RecordRequesterTicket> logger)
    : IdempotentConsumer<TicketSubmitted, KnowledgeBaseDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<TicketSubmitted> context, CancellationToken cancellationToken)
    {
        var ticket = context.Message;
        var requester = ticket.Requester.Email.Trim().ToLowerInvariant();
        if (requester.Length == 0 || requester.Length > SearchLogEntry.MaxRequesterLength || await KbTicketQueries.RecordedAsync(Db, ticket.TicketId, cancellationToken))
        {
            return;
        }
        Db.RequesterTickets.Add(new RequesterTicket { TicketId = ticket.TicketId, Requester = requester, SubmittedAt = ticket.SubmittedAt });
    }
}

using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Outbox;
using MassTransit;

namespace HelpDesk.KnowledgeBase;

public sealed class SuggestArticlesForTicket(KnowledgeBaseDbContext db, TimeProvider time, ILogger<SuggestArticlesForTicket> logger)
    : IdempotentConsumer<TicketSubmitted, KnowledgeBaseDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<TicketSubmitted> context, CancellationToken cancellationToken)
    {
        var submitted = context.Message;
        Db.SuggestionRecords.Add(new SuggestionRecord { TicketId = submitted.TicketId, TicketNumber = submitted.TicketNumber, ReceivedAt = time.GetUtcNow() });
        
        return Task.CompletedTask;
    }
}

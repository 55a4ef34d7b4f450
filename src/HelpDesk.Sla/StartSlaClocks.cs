using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Outbox;
using MassTransit;

namespace HelpDesk.Sla;

public sealed class StartSlaClocks(SlaDbContext db, TimeProvider time, ILogger<StartSlaClocks> logger)
    : IdempotentConsumer<TicketSubmitted, SlaDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<TicketSubmitted> context, CancellationToken cancellationToken)
    {
        var submitted = context.Message;
        Db.SlaClockRecords.Add(new SlaClockRecord { TicketId = submitted.TicketId, TicketNumber = submitted.TicketNumber, ReceivedAt = time.GetUtcNow() });
        
        return Task.CompletedTask;
    }
}

using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Outbox;
using MassTransit;

namespace HelpDesk.Notifications;

public sealed class NotifyTicketSubmitted(NotificationsDbContext db, TimeProvider time, ILogger<NotifyTicketSubmitted> logger)
    : IdempotentConsumer<TicketSubmitted, NotificationsDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<TicketSubmitted> context, CancellationToken cancellationToken)
    {
        var submitted = context.Message;
        Db.NotificationRecords.Add(new NotificationRecord { TicketId = submitted.TicketId, TicketNumber = submitted.TicketNumber, ReceivedAt = time.GetUtcNow() });
        
        return Task.CompletedTask;
    }
}

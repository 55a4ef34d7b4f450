using HelpDesk.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Consumers;

/// <summary>
/// A ticket closed (cancelled, withdrawn by its requester, closed by an agent) while its approval or fulfilment was
/// still running: the approval is withdrawn (no more reminders or escalations; its links answer 410), waiting and open
/// tasks are cancelled, and a pending fulfilment webhook is not called. A ticket closed after both finished changes nothing.
/// </summary>
public sealed class WithdrawOnClosure(RoutingDbContext db, TimeProvider time, ILogger<WithdrawOnClosure> logger)
    : IdempotentConsumer<TicketClosed, RoutingDbContext>(db, logger)
{
    private const string Reason = "The ticket was closed before this was done.";

    protected override async Task HandleAsync(ConsumeContext<TicketClosed> context, CancellationToken cancellationToken)
    {
        var ticketId = context.Message.TicketId;
        var now = time.GetUtcNow();
        var approval = await ApprovalEngine.LoadAsync(Db, r => r.TicketId == ticketId && r.Status == ApprovalStatus.Pending, cancellationToken);
        var withdrawn = approval?.Withdraw(Reason, now) == true;
        var tasks = await Db.FulfilmentTasks
            .Where(t => t.TicketId == ticketId && (t.Status == FulfilmentTaskStatus.Waiting || t.Status == FulfilmentTaskStatus.Open)).ToListAsync(cancellationToken);
        foreach (var task in tasks)
        {
            task.Cancel(Reason, now);
        }
        var ticket = await Db.RoutedTickets.FirstOrDefaultAsync(t => t.TicketId == ticketId, cancellationToken);
        var cancelled = ticket?.CancelFulfilment() == true;
        if (withdrawn || tasks.Count > 0 || cancelled)
        {
            logger.LogInformation("{TicketNumber} closed: approval withdrawn {Withdrawn}, {Tasks} task(s) cancelled, fulfilment cancelled {Cancelled}",
                context.Message.TicketNumber, withdrawn, tasks.Count, cancelled);
        }
    }
}

using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Routing.Consumers;

/// <summary>A change asks for authorisation: the stages for its risk (CAB for high risk) start in the approval engine.</summary>
public sealed class StartChangeApproval(
    RoutingDbContext db, ApprovalEngine engine, IOptionsMonitor<ApprovalOptions> options, TimeProvider time, ILogger<StartChangeApproval> logger)
    : IdempotentConsumer<ChangeApprovalRequested, RoutingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<ChangeApprovalRequested> context, CancellationToken cancellationToken)
    {
        var change = context.Message;
        if (await Db.ApprovalRequests.AnyAsync(r => r.TicketId == change.TicketId && r.Status == ApprovalStatus.Pending, cancellationToken))
        {
            logger.LogInformation("Change {TicketNumber} is already awaiting approval; ignoring the new request", change.TicketNumber);
            return;
        }
        var subject = new ApprovalSubject(change.TicketId, change.TicketNumber, IsChange: true,
            $"[{change.Risk} risk] {change.Summary}", RequesterEmail: change.RequestedBy, Language: change.Language);
        await engine.StartAsync(Db, subject, options.CurrentValue.ChangeStages(change.Risk), time.GetUtcNow(), cancellationToken);
    }
}

using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using MassTransit;

namespace HelpDesk.Routing.Consumers;

/// <summary>
/// A change went back from AwaitingApproval to Assessment: its open round is withdrawn (no reminders, escalations or
/// timeouts; its links answer 410, the API 409). Ordered by the ticket's version against the change's approval
/// requests, so a pull-back that arrives after a quick re-submission leaves the new round open.
/// </summary>
public sealed class CloseChangeApprovalRound(RoutingDbContext db, TimeProvider time, ILogger<CloseChangeApprovalRound> logger)
    : IdempotentConsumer<ChangeApprovalWithdrawn, RoutingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<ChangeApprovalWithdrawn> context, CancellationToken cancellationToken)
    {
        var pulledBack = context.Message;
        var now = time.GetUtcNow();
        if (!await Db.AdmitAsync(pulledBack.TicketId, pulledBack.TicketVersion, now, cancellationToken))
        {
            logger.LogInformation("Change {TicketNumber}: pull-back at version {Version} is older than a later approval request; the open round stays",
                pulledBack.TicketNumber, pulledBack.TicketVersion);
            return;
        }
        var round = await ApprovalEngine.LoadAsync(Db, r => r.TicketId == pulledBack.TicketId && r.Status == ApprovalStatus.Pending, cancellationToken);
        if (round?.Withdraw($"The change went back to assessment ({pulledBack.WithdrawnBy}{(pulledBack.Reason is null ? "" : ": " + pulledBack.Reason)}).", now) == true)
        {
            logger.LogInformation("Change {TicketNumber} went back to assessment; its approval round is withdrawn", pulledBack.TicketNumber);
        }
    }
}

using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using MassTransit;

namespace HelpDesk.Routing.Consumers;

/// <summary>
/// An approver answered an approval e-mail (Intake's mailbox read the decision on its first line): the decision is
/// recorded when the token is Routing's own and the sender holds the seat it names. Everything else is refused,
/// logged and answered (<see cref="ApprovalReplyRefused"/>) — a forwarded mail, a second reply, a withdrawn request.
/// The inbox makes a redelivered message a no-op; a second reply finds the seat decided.
/// </summary>
public sealed class DecideByEmailReply(RoutingDbContext db, ApprovalEngine engine, ApprovalLinkSigner signer, TimeProvider time, ILogger<DecideByEmailReply> logger)
    : IdempotentConsumer<ApprovalReplyReceived, RoutingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<ApprovalReplyReceived> context, CancellationToken cancellationToken)
    {
        var reply = context.Message;
        var sender = reply.Sender.Trim().ToLowerInvariant();
        if (await signer.VerifyReplyTokenAsync(reply.Token, cancellationToken) is not { } voteId)
        {
            logger.LogWarning("Approval reply {MessageId} from {Sender} refused: the token is not one Routing signed", reply.EmailMessageId, sender);
            return;
        }
        var now = time.GetUtcNow();
        var decision = new ApprovalDecision(reply.Approve, sender, "email", string.IsNullOrWhiteSpace(reply.Comment) ? null : reply.Comment.Trim());
        var result = await engine.DecideByReplyAsync(Db, voteId, sender, decision, now, cancellationToken);
        if (result.Outcome == ApprovalDecisionOutcome.Recorded)
        {
            logger.LogInformation("{TicketNumber}: {Decision} by e-mail reply from {Sender}", result.Request!.TicketNumber, reply.Approve ? "approved" : "rejected", sender);
            return;
        }
        if (result.Request is not { } request)
        {
            logger.LogWarning("Approval reply {MessageId} from {Sender} refused: its seat no longer exists", reply.EmailMessageId, sender);
            return;
        }
        var reason = result.Outcome switch
        {
            ApprovalDecisionOutcome.NotApprover => "not-approver",
            ApprovalDecisionOutcome.AlreadyDecided => "already-decided",
            ApprovalDecisionOutcome.Withdrawn => "withdrawn",
            _ => "not-pending",
        };
        logger.LogWarning("Approval reply {MessageId} from {Sender} on {TicketNumber} refused ({Reason}): {Detail}",
            reply.EmailMessageId, sender, request.TicketNumber, reason, result.Detail);
        Db.PublishEvent(new ApprovalReplyRefused(request.TicketId, request.TicketNumber, sender, reason, result.Detail ?? reason, now, request.Language), request.TicketId);
    }
}

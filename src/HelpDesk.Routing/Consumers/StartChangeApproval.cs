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
        var now = time.GetUtcNow();
        if (!await Db.AdmitAsync(change.TicketId, change.TicketVersion, now, cancellationToken))
        {
            // A pull-back or a newer request of this change was applied already: this round would be out of date.
            logger.LogInformation("Change {TicketNumber}: approval request at version {Version} is older than what was applied; ignored", change.TicketNumber, change.TicketVersion);
            return;
        }
        // A change asks again only after it went back to assessment: what was approved may have changed, so the
        // earlier round (if still open) is withdrawn and a fresh one starts. The inbox drops a redelivered message.
        if (await ApprovalEngine.LoadAsync(Db, r => r.TicketId == change.TicketId && r.Status == ApprovalStatus.Pending, cancellationToken) is { } stale)
        {
            stale.Withdraw("The change went back to assessment and asked for approval again.", now);
            logger.LogInformation("Change {TicketNumber} asked for approval again; the earlier round is withdrawn", change.TicketNumber);
        }
        var subject = new ApprovalSubject(change.TicketId, change.TicketNumber, IsChange: true,
            $"[{change.Risk} risk{Window(change)}] {change.Summary}", RequesterEmail: change.RequestedBy, Language: change.Language);
        await engine.StartAsync(Db, subject, options.CurrentValue.ChangeStages(change.Risk), now, cancellationToken);
    }

    /// <summary>The planned window as approvers read it in the request's summary: ", 2026-12-05 22:00–23:30 UTC".</summary>
    private static string Window(ChangeApprovalRequested change) => (change.ScheduledStart, change.ScheduledEnd) switch
    {
        ({ } start, { } end) when start.UtcDateTime.Date == end.UtcDateTime.Date => $", {start.UtcDateTime:yyyy-MM-dd HH:mm}–{end.UtcDateTime:HH:mm} UTC",
        ({ } start, { } end) => $", {start.UtcDateTime:yyyy-MM-dd HH:mm} – {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
        _ => "",
    };
}

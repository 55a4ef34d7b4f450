using System.Diagnostics.Metrics;
using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Routing.Domain;

/// <summary>
/// The one approval engine of the platform, for catalogue requests and changes: builds the stages from a policy,
/// asks each stage's approvers (with signed single-use links), records decisions, sends reminders and escalates on
/// timeouts, and on the last decision publishes <see cref="TicketApprovalDecided"/> and hands a catalogue request to
/// fulfilment. Every method runs inside the caller's transaction and only queues events in the outbox.
/// </summary>
public sealed class ApprovalEngine(
    ApproverDirectory directory,
    ApprovalLinkSigner links,
    FulfilmentService fulfilment,
    IOptionsMonitor<ApprovalOptions> approvalOptions,
    IOptionsMonitor<RoutingOptions> routingOptions)
{
    private static readonly Counter<long> Decisions = HelpDeskTelemetry.Meter.CreateCounter<long>("helpdesk.approvals.decisions", description: "Approval requests decided, by outcome");

    /// <summary>Creates the request with its stages and asks the first stage. A policy without stages needs no request (null).</summary>
    public async Task<ApprovalRequest?> StartAsync(
        RoutingDbContext db, ApprovalSubject subject, IReadOnlyList<ApprovalStageDefinition> stages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (stages.Count == 0)
        {
            return null;
        }
        var request = new ApprovalRequest
        {
            Id = Guid.CreateVersion7(now), TicketId = subject.TicketId, TicketNumber = subject.TicketNumber, IsChange = subject.IsChange,
            CatalogItem = subject.CatalogItem, CatalogVersion = subject.CatalogVersion, Subject = subject.Subject,
            RequesterEmail = subject.RequesterEmail, Language = subject.Language, Status = ApprovalStatus.Pending, CreatedAt = now,
        };
        for (var index = 0; index < stages.Count; index++)
        {
            request.Stages.Add(BuildStage(request.Id, index, stages[index], subject));
        }
        db.ApprovalRequests.Add(request);
        var first = request.Stages[0];
        first.Activate(now);
        await AskAsync(db, request, first, first.Votes, now, reminder: false, escalation: false, cancellationToken);
        return request;
    }

    /// <summary>Records a decision by someone <paramref name="holds"/> says holds a seat on the active stage.</summary>
    public async Task<ApprovalDecisionResult> DecideAsync(
        RoutingDbContext db, Guid ticketId, Func<ApprovalVote, bool> holds, ApprovalDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = await LoadAsync(db, r => r.TicketId == ticketId, cancellationToken);
        if (request is null)
        {
            return new(ApprovalDecisionOutcome.NotFound);
        }
        if (request.Active is not { } stage)
        {
            return new(ApprovalDecisionOutcome.NotPending, request, $"The approval of {request.TicketNumber} is {request.Status}.");
        }
        var seat = stage.Undecided.FirstOrDefault(holds);
        if (seat is null)
        {
            return stage.Votes.Any(holds)
                ? new(ApprovalDecisionOutcome.AlreadyDecided, request, $"You already decided stage '{stage.Name}' of {request.TicketNumber}.")
                : new(ApprovalDecisionOutcome.NotApprover, request, $"{request.TicketNumber} awaits stage '{stage.Name}' ({Describe(stage)}).");
        }
        await RecordAsync(db, request, stage, seat, decision, now, cancellationToken);
        return new(ApprovalDecisionOutcome.Recorded, request);
    }

    /// <summary>Records the decision a signed link carries: only for its seat, only while that seat is undecided, once.</summary>
    public async Task<ApprovalDecisionResult> DecideByLinkAsync(RoutingDbContext db, ApprovalLink link, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (link.ExpiresAt <= now)
        {
            return new(ApprovalDecisionOutcome.LinkExpired, null, "This approval link has expired; decide in the portal instead.");
        }
        var request = await LoadAsync(db, r => r.Stages.Any(s => s.Votes.Any(v => v.Id == link.VoteId)), cancellationToken);
        var stage = request?.Stages.First(s => s.Votes.Any(v => v.Id == link.VoteId));
        var seat = stage?.Votes.First(v => v.Id == link.VoteId);
        if (request is null || stage is null || seat is null)
        {
            return new(ApprovalDecisionOutcome.NotFound);
        }
        if (seat.Decision is not null || seat.LinkNonce != link.Nonce)
        {
            return new(ApprovalDecisionOutcome.LinkUsed, request, "This approval link was already used.");
        }
        if (request.Status == ApprovalStatus.Withdrawn)
        {
            return new(ApprovalDecisionOutcome.Withdrawn, request, $"{request.TicketNumber} was withdrawn; there is nothing to decide.");
        }
        if (request.Active != stage)
        {
            return new(ApprovalDecisionOutcome.NotPending, request, $"The approval of {request.TicketNumber} is {request.Status}; this stage is {stage.Status}.");
        }
        var by = seat.Email ?? seat.Approver;
        await RecordAsync(db, request, stage, seat, new ApprovalDecision(link.Approve, by, "link", null), now, cancellationToken);
        return new(ApprovalDecisionOutcome.Recorded, request);
    }

    /// <summary>
    /// Records the decision an e-mail reply carries for the seat its verified token names, only when the sender holds
    /// that seat (the named person's address, or a member of the named group) and the seat is still undecided.
    /// </summary>
    public async Task<ApprovalDecisionResult> DecideByReplyAsync(RoutingDbContext db, Guid voteId, string sender, ApprovalDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = await LoadAsync(db, r => r.Stages.Any(s => s.Votes.Any(v => v.Id == voteId)), cancellationToken);
        var stage = request?.Stages.First(s => s.Votes.Any(v => v.Id == voteId));
        var seat = stage?.Votes.First(v => v.Id == voteId);
        if (request is null || stage is null || seat is null)
        {
            return new(ApprovalDecisionOutcome.NotFound);
        }
        if (!directory.Holds(seat, [sender], NoGroups))
        {
            return new(ApprovalDecisionOutcome.NotApprover, request, $"{sender} is not the approver this e-mail was sent to ({Describe(seat)}).");
        }
        if (request.Status == ApprovalStatus.Withdrawn)
        {
            return new(ApprovalDecisionOutcome.Withdrawn, request, $"{request.TicketNumber} was withdrawn; there is nothing to decide.");
        }
        if (seat.Decision is not null)
        {
            return new(ApprovalDecisionOutcome.AlreadyDecided, request, $"Stage '{stage.Name}' of {request.TicketNumber} was already decided ({seat.Decision} by {seat.DecidedBy}).");
        }
        if (request.Active != stage)
        {
            return new(ApprovalDecisionOutcome.NotPending, request, $"The approval of {request.TicketNumber} is {request.Status}; stage '{stage.Name}' is {stage.Status}.");
        }
        await RecordAsync(db, request, stage, seat, decision with { By = sender }, now, cancellationToken);
        return new(ApprovalDecisionOutcome.Recorded, request);
    }

    private static readonly IReadOnlySet<string> NoGroups = new HashSet<string>();

    private static string Describe(ApprovalVote seat) => seat.Kind == ApproverKind.Group ? "group " + seat.Approver : seat.Email ?? seat.Approver;

    /// <summary>A stage whose reminder or timeout is due: reminds the undecided approvers, or escalates, or rejects.</summary>
    public async Task ProcessOverdueAsync(RoutingDbContext db, ApprovalRequest request, ApprovalStage stage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (stage.ReminderIsDue(now))
        {
            stage.MarkReminded(now);
            request.Version++;
            db.PublishEvent(new ApprovalStageOverdue(request.TicketId, request.TicketNumber, stage.Index, stage.Name, "reminded", now), request.TicketId);
            await AskAsync(db, request, stage, stage.Undecided.ToList(), now, reminder: true, escalation: false, cancellationToken);
            return;
        }
        stage.MarkTimedOut(now);
        request.Version++;
        var escalation = stage.OnTimeout == ApprovalTimeoutAction.Escalate && stage.EscalateToKind is { } kind
            ? directory.Resolve(new ApproverRef(kind, stage.EscalateTo), ApprovalMode.AnyOf, request.RequesterEmail, null)
            : [];
        if (escalation.Count == 0)
        {
            db.PublishEvent(new ApprovalStageOverdue(request.TicketId, request.TicketNumber, stage.Index, stage.Name, "rejected", now), request.TicketId);
            var seat = stage.Undecided.First();
            await RecordAsync(db, request, stage, seat, new ApprovalDecision(false, "timeout", "timeout", $"Stage '{stage.Name}' timed out after {stage.Timeout}."), now, cancellationToken);
            return;
        }
        var added = escalation.Select(s => NewVote(stage.Id, s, isEscalation: true)).ToList();
        // Added explicitly: a seat with its id already set, only appended to the loaded stage, would be taken for an existing row.
        db.ApprovalVotes.AddRange(added);
        db.PublishEvent(new ApprovalStageOverdue(request.TicketId, request.TicketNumber, stage.Index, stage.Name, "escalated", now,
            string.Join(", ", escalation.Select(s => s.Approver))), request.TicketId);
        await AskAsync(db, request, stage, added, now, reminder: false, escalation: true, cancellationToken);
    }

    public static Task<ApprovalRequest?> LoadAsync(RoutingDbContext db, System.Linq.Expressions.Expression<Func<ApprovalRequest, bool>> where, CancellationToken cancellationToken) =>
        db.ApprovalRequests.Include(r => r.Stages).ThenInclude(s => s.Votes).AsSplitQuery()
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(where, cancellationToken);

    public static string Describe(ApprovalStage stage) =>
        $"{(stage.Mode == ApprovalMode.AllOf ? "all of" : "any of")} {string.Join(", ", stage.Votes.Select(v => v.Kind == ApproverKind.Group ? "group:" + v.Approver : v.Approver))}";

    private async Task RecordAsync(RoutingDbContext db, ApprovalRequest request, ApprovalStage stage, ApprovalVote seat, ApprovalDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        request.Version++;
        stage.Record(seat, decision.Approve, decision.By, decision.Via, decision.Reason, now);
        if (stage.Status == ApprovalStageStatus.Active)
        {
            return;
        }
        if (request.Advance(stage, decision.By, decision.Reason, now) is { } next)
        {
            await AskAsync(db, request, next, next.Votes, now, reminder: false, escalation: false, cancellationToken);
            return;
        }
        Decisions.Add(1, new KeyValuePair<string, object?>("outcome", request.Status.ToString()));
        db.PublishEvent(new TicketApprovalDecided(request.TicketId, request.TicketNumber, request.Status == ApprovalStatus.Approved,
            decision.By, now, decision.Reason, decision.Via, request.IsChange), request.TicketId);
        if (!request.IsChange)
        {
            await fulfilment.OnApprovalDecidedAsync(db, request, now, cancellationToken);
        }
    }

    private ApprovalStage BuildStage(Guid requestId, int index, ApprovalStageDefinition definition, ApprovalSubject subject)
    {
        var stage = new ApprovalStage
        {
            Id = Guid.CreateVersion7(), RequestId = requestId, Index = index, Name = definition.Name, Mode = definition.Mode,
            Status = ApprovalStageStatus.Waiting, RemindAfter = definition.RemindAfter, Timeout = definition.Timeout, OnTimeout = definition.OnTimeout,
            EscalateToKind = definition.EscalateTo?.Kind, EscalateTo = definition.EscalateTo?.Id,
        };
        var seats = definition.Approvers.SelectMany(a => directory.Resolve(a, definition.Mode, subject.RequesterEmail, subject.RequesterManager))
            .DistinctBy(s => (s.Kind, s.Approver.ToLowerInvariant())).ToList();
        if (seats.Count == 0)
        {
            // Nobody resolvable (e.g. the requester has no manager in the directory): the fallback approver decides.
            seats.Add(directory.Person(approvalOptions.CurrentValue.FallbackApprover ?? routingOptions.CurrentValue.DefaultApprover));
        }
        stage.Votes.AddRange(seats.Select(s => NewVote(stage.Id, s, isEscalation: false)));
        return stage;
    }

    private static ApprovalVote NewVote(Guid stageId, ApproverSeat seat, bool isEscalation) => new()
    {
        Id = Guid.CreateVersion7(), StageId = stageId, Kind = seat.Kind, Approver = seat.Approver, DisplayName = seat.DisplayName,
        Email = seat.Kind == ApproverKind.Person && seat.Recipients.Count > 0 ? seat.Recipients[0] : null, IsEscalation = isEscalation, LinkNonce = Guid.NewGuid(),
    };

    /// <summary>One TicketApprovalRequested per recipient of each seat, with that seat's signed approve and reject links.</summary>
    private async Task AskAsync(RoutingDbContext db, ApprovalRequest request, ApprovalStage stage, IEnumerable<ApprovalVote> seats, DateTimeOffset now, bool reminder, bool escalation, CancellationToken cancellationToken)
    {
        var expires = now + approvalOptions.CurrentValue.LinkLifetime;
        foreach (var seat in seats)
        {
            var approve = links.Url(await links.SignAsync(new ApprovalLink(seat.Id, true, expires, seat.LinkNonce), cancellationToken));
            var replyToken = await links.ReplyTokenAsync(seat.Id, cancellationToken);
            var reject = links.Url(await links.SignAsync(new ApprovalLink(seat.Id, false, expires, seat.LinkNonce), cancellationToken));
            var recipients = seat.Kind == ApproverKind.Group ? directory.Members(seat.Approver).Select(m => directory.Person(m).Recipients is [var first, ..] ? first : m).ToList()
                : [seat.Email ?? seat.Approver];
            foreach (var recipient in recipients)
            {
                db.PublishEvent(new TicketApprovalRequested(request.TicketId, request.TicketNumber, request.CatalogItem ?? (request.IsChange ? "change" : ""),
                    recipient, now, recipient.Contains('@', StringComparison.Ordinal) ? recipient : null, stage.Index, stage.Name, approve, reject, expires,
                    reminder, escalation, request.Subject, replyToken), request.TicketId);
            }
        }
    }
}

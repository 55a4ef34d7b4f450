using HelpDesk.Contracts;

namespace HelpDesk.Intake.Domain;

/// <summary>
/// The ticket record and its lifecycle; Intake is its only owner and writer. Each type moves by its own state machine
/// (<see cref="TicketLifecycle"/>, drawn in docs/itil.md); a reopen (Resolved → InProgress) must come within the
/// reopen window; Closed and Cancelled are final.
/// Every change is a method here that returns a <see cref="TicketResult"/>: a refusal, or the events to publish.
/// </summary>
public sealed partial class Ticket
{
    private Ticket()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Allocated by the database: orders tickets for keyset pagination and yields <see cref="Number"/>.</summary>
    public long Sequence { get; private set; }

    public string Number { get; private set; } = "";

    public TicketType Type { get; private set; }

    public TicketChannel Channel { get; private set; }

    public TicketStatus Status { get; private set; }

    public TicketPriority Priority { get; private set; }

    public ImpactLevel Impact { get; private set; } = ImpactLevel.Medium;

    public UrgencyLevel Urgency { get; private set; } = UrgencyLevel.Medium;

    public string RequesterEmail { get; private set; } = "";

    public string? RequesterName { get; private set; }

    public string? RequesterOrganisation { get; private set; }

    public string Subject { get; private set; } = "";

    public string Description { get; private set; } = "";

    public string Language { get; private set; } = "en";

    public List<string> Tags { get; private set; } = [];

    public List<TicketAttachment> Attachments { get; private set; } = [];

    public string? CatalogItem { get; private set; }

    public string? Portal { get; private set; }

    /// <summary>The catalogue item version the request was filed against; its answers were validated against that form.</summary>
    public int? CatalogItemVersion { get; private set; }

    /// <summary>The requester's answers to the item's form, as a JSON object (shown to agents, sent to fulfilment).</summary>
    public string? AnswersJson { get; private set; }

    /// <summary>The submitting caller's id (an API key's id), "email" for the IMAP channel, "anonymous" otherwise.</summary>
    public string SubmittedBy { get; private set; } = "anonymous";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Set from TicketRouted: the routing service decides, Intake records.</summary>
    public string? Queue { get; private set; }

    public string? Category { get; private set; }

    public string? RoutedBy { get; private set; }

    public string? AssigneeId { get; private set; }

    public string? AssigneeName { get; private set; }

    public DateTimeOffset? FirstRespondedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? Resolution { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public int ReopenCount { get; private set; }

    public int? SatisfactionScore { get; private set; }

    public string? SatisfactionComment { get; private set; }

    public DateTimeOffset? RatedAt { get; private set; }

    /// <summary>Concurrency token: bumped by every change, so two agents cannot both apply conflicting transitions.</summary>
    public int Version { get; private set; }

    /// <summary>A new ticket from a validated draft, with its TicketSubmitted event.</summary>
    public static (Ticket Ticket, TicketResult Result) Submit(
        TicketDraft draft, long sequence, string number, TicketPriority priority, string submittedBy, DateTimeOffset now)
    {
        var ticket = new Ticket
        {
            Id = Guid.CreateVersion7(now),
            Sequence = sequence,
            Number = number,
            Type = draft.Type,
            Channel = draft.Channel,
            Status = TicketStatus.New,
            Impact = draft.Impact,
            Urgency = draft.Urgency,
            Priority = priority,
            RequesterEmail = draft.Requester.Email,
            RequesterName = draft.Requester.Name,
            RequesterOrganisation = draft.Requester.Organisation,
            Subject = draft.Subject,
            Description = draft.Description,
            Language = draft.Language,
            Tags = [.. draft.Tags],
            Attachments = [.. draft.Attachments],
            CatalogItem = draft.CatalogItem,
            Portal = draft.Portal,
            CatalogItemVersion = draft.CatalogItemVersion,
            AnswersJson = draft.Answers is { Count: > 0 } answers ? System.Text.Json.JsonSerializer.Serialize(answers) : null,
            SubmittedBy = submittedBy,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        if (draft.Change is { } plan)
        {
            ticket.ApplyPlan(plan); // checked with the submission: only changes, the window ends after it starts
        }
        var submitted = new TicketSubmitted(
            ticket.Id, ticket.Number, ticket.Type, ticket.Channel, ticket.Priority, draft.Requester,
            ticket.Subject, ticket.Description, ticket.Tags, ticket.Language, now,
            ticket.Impact, ticket.Urgency, ticket.CatalogItem, ticket.Portal, ticket.CatalogItemVersion, draft.Answers,
            draft.RequesterManager);
        return (ticket, TicketResult.Ok(submitted));
    }

    /// <summary>Changes the status if the lifecycle allows it now; a reopen must come within <paramref name="reopenWindow"/>.</summary>
    public TicketResult Transition(TicketTransition change, DateTimeOffset now, TimeSpan reopenWindow)
    {
        if (Refusal(change, now, reopenWindow) is { } refusal)
        {
            return new TicketResult(refusal, []);
        }
        if (change.To == TicketStatus.Assigned && Status == TicketStatus.Assigned && !string.IsNullOrWhiteSpace(change.AssigneeId))
        {
            // Assigned → Assigned is a hand-over to a colleague: the same operation as a reassignment.
            return Reassign(change.AssigneeId.Trim(), change.AssigneeName?.Trim(), null, change.Reason, new TicketActor(change.Actor, change.Actor, "api"), now);
        }
        if (change.To == TicketStatus.Assigned && !string.IsNullOrWhiteSpace(change.AssigneeId))
        {
            AssigneeId = change.AssigneeId.Trim();
            AssigneeName = string.IsNullOrWhiteSpace(change.AssigneeName) ? AssigneeId : change.AssigneeName.Trim();
        }
        Touch(now);
        return TicketResult.Ok(MoveTo(change.To, change.Actor, change.Reason, now, change.Resolution));
    }

    /// <summary>
    /// Adds a comment. The first public agent comment is the ticket's first response; a requester's reply to a
    /// ticket waiting on them resumes work (PendingCustomer → InProgress), which also resumes the SLA clock.
    /// </summary>
    public (TicketComment? Comment, TicketResult Result) Comment(NewComment input, DateTimeOffset now, TimeSpan reopenWindow)
    {
        if (TicketLifecycle.IsFinal(Status))
        {
            return (null, TicketResult.Fail(TicketErrorKind.Closed, $"Ticket {Number} is closed; comments are no longer accepted."));
        }
        if (input.Kind == CommentAuthorKind.Requester && !input.IsPublic)
        {
            return (null, TicketResult.Fail(TicketErrorKind.RequesterCommentMustBePublic, "Requester comments are always public."));
        }
        var firstResponse = input.Kind == CommentAuthorKind.Agent && input.IsPublic && FirstRespondedAt is null;
        var comment = new TicketComment
        {
            Id = Guid.CreateVersion7(now),
            TicketId = Id,
            Author = input.Author,
            AuthorKind = input.Kind,
            IsPublic = input.IsPublic,
            Body = input.Body,
            CreatedAt = now,
            IsFirstResponse = firstResponse,
            EmailMessageId = input.EmailMessageId,
        };
        if (firstResponse)
        {
            FirstRespondedAt = now;
        }
        Touch(now);
        List<object> events = [new TicketCommented(Id, Number, comment.Id, input.Author, input.Kind, input.IsPublic, input.Body, now, firstResponse, input.Quiet)];
        if (input.Kind == CommentAuthorKind.Requester && Status == TicketStatus.PendingCustomer)
        {
            events.AddRange(Transition(new TicketTransition(TicketStatus.InProgress, input.Author, "requester replied"), now, reopenWindow).Events);
        }
        return (comment, TicketResult.Ok(events));
    }

    /// <summary>The requester's satisfaction score, once per ticket, after it is resolved.</summary>
    public TicketResult Rate(int score, string? comment, DateTimeOffset now)
    {
        if (Status is not (TicketStatus.Resolved or TicketStatus.Closed))
        {
            return TicketResult.Fail(TicketErrorKind.NotResolved, $"Ticket {Number} is {Status}; satisfaction can be rated once it is resolved.");
        }
        if (SatisfactionScore is not null)
        {
            return TicketResult.Fail(TicketErrorKind.AlreadyRated, $"Ticket {Number} has already been rated.");
        }
        SatisfactionScore = score;
        SatisfactionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        RatedAt = now;
        Touch(now);
        return TicketResult.Ok(new TicketRated(Id, Number, score, now, SatisfactionComment));
    }

    /// <summary>Shows routing's decision on the record; routing decides, Intake only records.</summary>
    public TicketResult RecordRouting(TicketRouted routed)
    {
        List<TicketFieldChange> changes = [];
        Note(changes, "queue", Queue, routed.Queue);
        Note(changes, "category", Category, routed.Category);
        Queue = routed.Queue;
        Category = routed.Category;
        RoutedBy = routed.DecidedBy;
        if (routed.PriorityOverride is { } priority)
        {
            Note(changes, "priority", Priority.ToString(), priority.ToString());
            Priority = priority;
        }
        Touch(Later(routed.RoutedAt));
        return TicketResult.Ok() with { Changes = changes };
    }

    /// <summary>Records the assignee; only a new ticket moves to Assigned, a later reassignment just records the agent.</summary>
    public TicketResult RecordAssignment(TicketAssigned assigned)
    {
        if ((assigned.AssignmentSequence ?? 0) < AssignmentSequence)
        {
            return TicketResult.Ok(); // answers an older hand-over than the latest one: the newer one stands
        }
        List<TicketFieldChange> changes = [];
        Note(changes, "assignee", AssigneeId, assigned.AgentId);
        if (changes.Count == 0 && !TicketLifecycle.MovesToAssignedOnAssignment(Type, Status))
        {
            return TicketResult.Ok(); // routing confirming the agent's own choice
        }
        AssigneeId = assigned.AgentId;
        AssigneeName = assigned.AgentName;
        Queue ??= assigned.Queue;
        var events = TicketLifecycle.MovesToAssignedOnAssignment(Type, Status)
            ? MoveTo(TicketStatus.Assigned, "routing", "assigned", assigned.AssignedAt)
            : [];
        Touch(Later(assigned.AssignedAt));
        return TicketResult.Ok(events) with { Changes = changes };
    }

    /// <summary>
    /// Routing fulfilled the request: resolved with the fulfilment's summary, and closed at once when the fulfilment
    /// was automatic (nothing for the requester to confirm). A ticket already resolved or closed stays as it is.
    /// </summary>
    public TicketResult RecordFulfilment(TicketFulfilled fulfilled)
    {
        if (Status is TicketStatus.Resolved or TicketStatus.Closed)
        {
            return TicketResult.Ok();
        }
        var at = Later(fulfilled.FulfilledAt);
        // The requester hears once: TicketResolved (with the fulfilment's answer) speaks; the status changes, and the
        // close that follows an automatic fulfilment, stay quiet.
        var events = MoveTo(TicketStatus.Resolved, "fulfilment", fulfilled.Automatic ? "fulfilled automatically" : "fulfilment tasks done", at, fulfilled.Summary)
            .Select(e => e is TicketStatusChanged changed ? changed with { Quiet = true } : e).ToList();
        if (fulfilled.Close)
        {
            events.AddRange(MoveTo(TicketStatus.Closed, "fulfilment", "fulfilled automatically", at, quiet: true));
        }
        Touch(at);
        return TicketResult.Ok(events);
    }

    /// <summary>
    /// The approval engine decided a change waiting for approval: approved → Scheduled, rejected → Rejected. Decisions
    /// about other tickets (service requests, whose approval routing gates) or a change no longer waiting change nothing.
    /// </summary>
    public TicketResult RecordApprovalDecision(TicketApprovalDecided decided)
    {
        if (Type != TicketType.Change || Status != TicketStatus.AwaitingApproval)
        {
            return TicketResult.Ok();
        }
        var at = Later(decided.DecidedAt);
        var events = MoveTo(decided.Approved ? TicketStatus.Scheduled : TicketStatus.Rejected, decided.DecidedBy, decided.Reason, at);
        Touch(at);
        return TicketResult.Ok(events);
    }

    private TicketError? Refusal(TicketTransition change, DateTimeOffset now, TimeSpan reopenWindow)
    {
        var (from, to) = (Status, change.To);
        if (TicketLifecycle.IsApprovalDecision(Type, from, to))
        {
            return new(TicketErrorKind.DecidedByApproval, $"Change {Number} leaves AwaitingApproval only by the approvers' decision; withdraw it to Assessment or cancel it instead.");
        }
        if (!TicketLifecycle.Allows(Type, from, to))
        {
            var next = TicketLifecycle.Next(Type, from);
            return TicketLifecycle.IsFinal(from)
                ? new(TicketErrorKind.Closed, $"Ticket {Number} is {from.ToString().ToLowerInvariant()}; it cannot change any more. Submit a new ticket instead.")
                : new(TicketErrorKind.TransitionNotAllowed, $"{Type} {Number} cannot go from {from} to {to}. Allowed next: {(next.Count == 0 ? "nothing" : string.Join(", ", next))}.");
        }
        if (IsReopening(to) && ResolvedAt is { } resolvedAt && now - resolvedAt > reopenWindow)
        {
            return new(TicketErrorKind.ReopenWindowPassed,
                $"Ticket {Number} was resolved more than {reopenWindow.TotalDays:0.##} days ago and can no longer be reopened; submit a new ticket.");
        }
        if (Type == TicketType.Change && to == TicketStatus.AwaitingApproval && MissingForApproval() is { } missing)
        {
            return new(TicketErrorKind.ChangePlanIncomplete,
                $"Change {Number} needs its risk, planned start and end, implementation plan and backout plan before it asks for approval; '{missing}' is missing.", missing);
        }
        if (to == TicketStatus.Assigned && string.IsNullOrWhiteSpace(change.AssigneeId) && AssigneeId is null)
        {
            return new(TicketErrorKind.AssigneeRequired, $"Ticket {Number} has no assignee: give assigneeId to assign it.");
        }
        return null;
    }

    /// <summary>The one place a status changes: sets it with what the new status implies and returns the events saying so.</summary>
    /// <param name="quiet">Another event tells people about this change (a merge, a problem's resolution): notifications stay silent.</param>
    private List<object> MoveTo(TicketStatus to, string actor, string? reason, DateTimeOffset at, string? resolution = null, bool quiet = false)
    {
        var from = Status;
        var reopening = IsReopening(to);
        Status = to;
        List<object> events = [new TicketStatusChanged(Id, Number, from, to, at, actor, reason, quiet)];
        switch (to)
        {
            case TicketStatus.Resolved:
                ResolvedAt = at;
                Resolution = resolution?.Trim() is { Length: > 0 } text ? text : Resolution;
                events.Add(new TicketResolved(Id, Number, at, Resolution, actor, quiet));
                break;
            case TicketStatus.Closed or TicketStatus.Cancelled:
                // Every final status says TicketClosed too: routing frees the agent, SLA stops the clocks.
                ClosedAt = at;
                events.Add(new TicketClosed(Id, Number, at, quiet));
                break;
            case TicketStatus.InProgress when reopening:
                ReopenCount++;
                ResolvedAt = null;
                events.Add(new TicketReopened(Id, Number, at, reason));
                break;
            case TicketStatus.AwaitingApproval when Type == TicketType.Change:
                // The approval engine (Routing) takes it from here and answers with TicketApprovalDecided. Transition
                // touches before it moves, so Version is the version this change commits as: it orders the round.
                // The plan is complete here (Refusal checks it), so the approvers see the declared risk and window.
                events.Add(new ChangeApprovalRequested(Id, Number, Plan?.Risk ?? ChangeRisk.Medium, Plan?.PlannedStart, Plan?.PlannedEnd, Subject, RequesterEmail, at, Language, Version));
                break;
            case TicketStatus.Assessment when Type == TicketType.Change && from == TicketStatus.AwaitingApproval:
                events.Add(new ChangeApprovalWithdrawn(Id, Number, Version, actor, reason, at));
                break;
        }
        return events;
    }

    /// <summary>
    /// Resolves an incident together with the problem that caused it. The status change is quiet; the resolution is
    /// announced only when <paramref name="announce"/> (the first of a requester's incidents), so each requester hears once.
    /// </summary>
    public TicketResult ResolveByProblem(Ticket problem, string resolution, bool announce, TicketActor actor, DateTimeOffset now)
    {
        if (!TicketLifecycle.Allows(Type, Status, TicketStatus.Resolved))
        {
            return TicketResult.Fail(TicketErrorKind.TransitionNotAllowed, $"{Number} is {Status} and cannot be resolved.");
        }
        var events = MoveTo(TicketStatus.Resolved, actor.Name, $"resolved with problem {problem.Number}", now, $"{resolution} (problem {problem.Number})", quiet: true);
        Touch(now);
        return TicketResult.Ok([.. events.Select(e => announce && e is TicketResolved resolved ? resolved with { Quiet = false } : e)]);
    }

    private static void Note(List<TicketFieldChange> changes, string field, string? old, string? @new)
    {
        if (!string.Equals(old, @new, StringComparison.Ordinal))
        {
            changes.Add(new TicketFieldChange(field, old, @new));
        }
    }

    private bool IsReopening(TicketStatus to) => Status == TicketStatus.Resolved && to == TicketStatus.InProgress;

    /// <summary>Events from other services may arrive late: the record's time never goes backwards.</summary>
    private DateTimeOffset Later(DateTimeOffset at) => at > UpdatedAt ? at : UpdatedAt;

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}

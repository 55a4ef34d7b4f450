namespace HelpDesk.Routing.Domain;

/// <summary>
/// A ticket this service routed: its decision, approval and assignment, and whether it still loads its agent.
/// AwaitingApproval → Waiting → Assigned → Done (and back on reopen); Rejected is final. Every change is a method
/// here that returns the events to publish.
/// </summary>
public sealed class RoutedTicket
{
    public const int MaxSubjectLength = 500;

    public const int MaxDescriptionLength = 8000;

    private RoutedTicket()
    {
    }

    public Guid TicketId { get; private set; }

    public string TicketNumber { get; private set; } = "";

    public TicketType Type { get; private set; }

    public TicketChannel Channel { get; private set; }

    public string Subject { get; private set; } = "";

    public string Description { get; private set; } = "";

    public List<string> Tags { get; private set; } = [];

    public string Queue { get; private set; } = "";

    public string Category { get; private set; } = "";

    /// <summary><c>rule:&lt;name&gt;</c>, <c>model</c> or <c>default</c>.</summary>
    public string DecidedBy { get; private set; } = "";

    public double? Confidence { get; private set; }

    public string? Explanation { get; private set; }

    public TicketPriority? PriorityOverride { get; private set; }

    public string? CatalogItem { get; private set; }

    public ApprovalState Approval { get; private set; }

    public string? Approver { get; private set; }

    public string? ApprovalDecidedBy { get; private set; }

    public RoutedTicketState State { get; private set; }

    public string? AgentId { get; private set; }

    public string? AssignmentStrategy { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset? AssignedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>True while the ticket counts towards its agent's open tickets.</summary>
    public bool IsOpen { get; private set; } = true;

    // Catalogue requests (issue 23): the item version filed against, the answers, and the fulfilment's progress.
    public int? CatalogVersion { get; private set; }

    public string? SlaPolicy { get; private set; }

    public string? RequesterEmail { get; private set; }

    public string? Language { get; private set; }

    public string? AnswersJson { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public FulfilmentState Fulfilment { get; private set; }

    public DateTimeOffset? FulfilledAt { get; private set; }

    public int AutomationAttempts { get; private set; }

    public DateTimeOffset? AutomationNextAttemptAt { get; private set; }

    public int? AutomationStatusCode { get; private set; }

    public string? AutomationAnswer { get; private set; }

    public int? Satisfaction { get; private set; }

    /// <summary>The latest agent hand-over (<see cref="TicketReassigned.Sequence"/>) applied; older ones are ignored.</summary>
    public long ReassignmentSequence { get; private set; }

    /// <summary>A new ticket placed by <paramref name="decision"/>, with TicketRouted (and TicketApprovalRequested when it must wait).</summary>
    public static (RoutedTicket Ticket, IReadOnlyList<object> Events) Route(
        TicketSubmitted submitted, RoutingDecision decision, CatalogItemVersion? version, IReadOnlyList<ApprovalStageDefinition>? stages, DateTimeOffset now)
    {
        var ticket = new RoutedTicket
        {
            TicketId = submitted.TicketId,
            TicketNumber = submitted.TicketNumber,
            Type = submitted.Type,
            Channel = submitted.Channel,
            Subject = Truncate(submitted.Subject, MaxSubjectLength),
            Description = Truncate(submitted.Description, MaxDescriptionLength),
            Tags = [.. decision.Tags],
            Queue = decision.Queue,
            Category = decision.Category,
            DecidedBy = decision.DecidedBy,
            Confidence = decision.Confidence,
            Explanation = decision.Explanation,
            PriorityOverride = decision.PriorityOverride,
            CatalogItem = decision.CatalogItem,
            Approval = stages is null ? ApprovalState.NotRequired : stages.Count == 0 ? ApprovalState.AutoApproved : ApprovalState.Pending,
            Approver = stages is { Count: > 0 } ? ApprovalSummary.Of(stages[0]) : null,
            State = stages is { Count: > 0 } ? RoutedTicketState.AwaitingApproval : RoutedTicketState.Waiting,
            ReceivedAt = now,
            RequesterEmail = submitted.Requester.Email,
            Language = submitted.Language,
        };
        if (version is not null)
        {
            // The version filed against decides queue and SLA policy; its answers travel with the request.
            ticket.CatalogVersion = version.Version;
            ticket.SlaPolicy = version.Definition.SlaPolicy;
            ticket.AnswersJson = submitted.Answers is { Count: > 0 } answers ? System.Text.Json.JsonSerializer.Serialize(answers) : null;
            ticket.Queue = string.IsNullOrWhiteSpace(version.Definition.FulfilmentQueue) ? ticket.Queue : version.Definition.FulfilmentQueue;
        }
        // The approval engine asks the approvers (TicketApprovalRequested per seat, with signed links).
        object routed = new TicketRouted(ticket.TicketId, ticket.TicketNumber, ticket.Queue, ticket.Category, ticket.DecidedBy, now,
            ticket.PriorityOverride, ticket.Tags, ticket.Confidence, ticket.Approval, ticket.Approver, ticket.Explanation,
            ticket.CatalogItem, ticket.CatalogVersion, ticket.SlaPolicy);
        return (ticket, [routed]);
    }

    /// <summary>The approval engine decided: approved requests go on to fulfilment, rejected ones are closed for routing.</summary>
    public void RecordApproval(ApprovalRequest request)
    {
        ApprovalDecidedBy = request.DecidedBy;
        if (request.Status == ApprovalStatus.Rejected)
        {
            Approval = ApprovalState.Rejected;
            State = RoutedTicketState.Rejected;
            IsOpen = false;
            return;
        }
        Approval = ApprovalState.Approved;
    }

    /// <summary>Fulfilment starts: by the automation (no agent unless it fails), by tasks, or by an agent of the queue.</summary>
    public void StartFulfilment(FulfilmentState how, DateTimeOffset now)
    {
        ApprovedAt ??= now;
        Fulfilment = how;
        if (how == FulfilmentState.Automating)
        {
            State = RoutedTicketState.Automating;
            AutomationNextAttemptAt = now;
            return;
        }
        State = RoutedTicketState.Waiting;
    }

    /// <summary>Records one answer of the fulfilment webhook; returns true when the request is fulfilled, false when it will be retried or handed to a person.</summary>
    public void RecordAutomationAttempt(int? statusCode, string answer)
    {
        AutomationAttempts++;
        AutomationStatusCode = statusCode;
        AutomationAnswer = answer.Length <= 4000 ? answer : answer[..4000];
    }

    public void RetryAutomationAt(DateTimeOffset at) => AutomationNextAttemptAt = at;

    /// <summary>The automation gave up: a person of the fulfilment queue takes the request.</summary>
    public void FailAutomation()
    {
        Fulfilment = FulfilmentState.AutomationFailed;
        AutomationNextAttemptAt = null;
        State = RoutedTicketState.Waiting;
    }

    /// <summary>The ticket closed before its fulfilment finished: the webhook is not called (again), tasks stop.</summary>
    public bool CancelFulfilment()
    {
        if (Fulfilment is not (FulfilmentState.Automating or FulfilmentState.Tasks or FulfilmentState.Manual or FulfilmentState.AutomationFailed))
        {
            return false;
        }
        Fulfilment = FulfilmentState.Cancelled;
        AutomationNextAttemptAt = null;
        return true;
    }

    /// <summary>Fulfilled; automatic fulfilment also finishes the ticket here (it never had an agent).</summary>
    public TicketFulfilled Fulfil(bool automatic, string summary, DateTimeOffset now)
    {
        Fulfilment = FulfilmentState.Fulfilled;
        FulfilledAt = now;
        AutomationNextAttemptAt = null;
        if (automatic)
        {
            State = RoutedTicketState.Done;
            IsOpen = false;
        }
        return new TicketFulfilled(TicketId, TicketNumber, now, automatic, summary, Close: automatic);
    }

    public void RecordSatisfaction(int score) => Satisfaction = score;

    /// <summary>
    /// The named approver (case-insensitive) approves or rejects. Approved: the ticket waits for an agent. Rejected:
    /// it is closed for routing and never assigned.
    /// </summary>
    /// <summary>
    /// Decided by <paramref name="approver"/>, who answers to the names in <paramref name="answersTo"/> (their e-mail,
    /// user id and groups): the ticket's named approver must be one of them.
    /// </summary>
    public RoutedTicketResult DecideApproval(string approver, IReadOnlyCollection<string> answersTo, bool approved, string? reason, DateTimeOffset now)
    {
        if (Approval != ApprovalState.Pending)
        {
            return RoutedTicketResult.Fail(RoutedTicketErrorKind.NotAwaitingApproval, $"Ticket {TicketNumber} is {Approval}, not pending approval.");
        }
        if (Approver is null || !answersTo.Contains(Approver, StringComparer.OrdinalIgnoreCase))
        {
            return RoutedTicketResult.Fail(RoutedTicketErrorKind.NotTheApprover, $"Ticket {TicketNumber} awaits approval by '{Approver}', not '{approver}'.");
        }
        Approval = approved ? ApprovalState.Approved : ApprovalState.Rejected;
        ApprovalDecidedBy = approver;
        if (approved)
        {
            State = RoutedTicketState.Waiting;
        }
        else
        {
            State = RoutedTicketState.Rejected;
            IsOpen = false;
        }
        return RoutedTicketResult.Ok(new TicketApprovalDecided(TicketId, TicketNumber, approved, approver, now, reason));
    }

    /// <summary>Gives the ticket to <paramref name="agent"/>, whose load grows by one.</summary>
    public TicketAssigned AssignTo(Agent agent, AssignmentStrategy strategy, DateTimeOffset now)
    {
        AgentId = agent.Id;
        State = RoutedTicketState.Assigned;
        AssignedAt = now;
        AssignmentStrategy = strategy.WireName();
        IsOpen = true;
        agent.TakeTicket(now);
        return new TicketAssigned(TicketId, TicketNumber, Queue, agent.Id, agent.Name, AssignmentStrategy, now, agent.Email, SequenceOrNull);
    }

    /// <summary>
    /// An agent handed the ticket over (Intake's <see cref="TicketReassigned"/>). Who gives it up comes from this record,
    /// not from the event, so counts stay exact even when Intake had not seen the latest assignment yet. A ticket that
    /// loads nobody now (done, rejected, awaiting approval) only records the new queue and agent.
    /// </summary>
    public HandOver HandOver(TicketReassigned moved)
    {
        if (moved.Sequence <= ReassignmentSequence)
        {
            return Domain.HandOver.Stale;
        }
        ReassignmentSequence = moved.Sequence;
        var (fromAgent, fromQueue) = (State == RoutedTicketState.Assigned && IsOpen ? AgentId : null, Queue);
        Queue = string.IsNullOrWhiteSpace(moved.ToQueue) ? Queue : moved.ToQueue.Trim();
        if (State is RoutedTicketState.Done or RoutedTicketState.Rejected or RoutedTicketState.AwaitingApproval)
        {
            AgentId = moved.ToAgentId ?? AgentId;
            return new HandOver(true, null, fromQueue, Assignable: false);
        }
        IsOpen = true;
        AgentId = null;
        State = RoutedTicketState.Waiting;
        return new HandOver(true, fromAgent, fromQueue, Assignable: true);
    }

    /// <summary>A person chose the agent: they take it even above capacity (or unknown to routing: then it loads nobody here).</summary>
    public TicketAssigned AssignByHand(string agentId, Agent? agent, string? nameGiven, DateTimeOffset now)
    {
        AgentId = agentId;
        State = RoutedTicketState.Assigned;
        AssignedAt = now;
        AssignmentStrategy = "manual";
        IsOpen = true;
        agent?.TakeTicket(now);
        return new TicketAssigned(TicketId, TicketNumber, Queue, agentId, agent?.Name ?? nameGiven ?? agentId, AssignmentStrategy, now, agent?.Email, SequenceOrNull);
    }

    private long? SequenceOrNull => ReassignmentSequence == 0 ? null : ReassignmentSequence;

    /// <summary>
    /// The ticket was resolved or closed: it stops counting towards its agent. False when it had already finished
    /// (nothing changes then, apart from recording the first resolution time).
    /// </summary>
    public bool Finish(bool resolved, DateTimeOffset now)
    {
        if (resolved)
        {
            ResolvedAt ??= now;
        }
        if (!IsOpen && State is RoutedTicketState.Done or RoutedTicketState.Rejected)
        {
            return false;
        }
        IsOpen = false;
        if (State != RoutedTicketState.Rejected)
        {
            State = RoutedTicketState.Done;
        }
        return true;
    }

    /// <summary>
    /// A finished ticket reopened: the same agent takes it back (even above capacity: the requester's context is
    /// with them); one never assigned waits for an agent again. False when the ticket was not finished.
    /// </summary>
    public bool Reopen()
    {
        if (State is not RoutedTicketState.Done)
        {
            return false;
        }
        ResolvedAt = null;
        IsOpen = true;
        State = AgentId is null ? RoutedTicketState.Waiting : RoutedTicketState.Assigned;
        return true;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    /// <summary>An agent's category correction: the ticket takes the category and says who decided it; TicketRouted tells intake.</summary>
    public TicketRouted Recategorise(string category, string agent, DateTimeOffset now)
    {
        var previous = Category;
        Category = category;
        DecidedBy = $"agent:{agent}";
        Confidence = null;
        Explanation = $"Category corrected by '{agent}' from '{previous}' to '{category}'.";
        return new TicketRouted(TicketId, TicketNumber, Queue, Category, DecidedBy, now, PriorityOverride, Tags, null, Approval, Approver, Explanation);
    }

    /// <summary>
    /// Grows with every saved change (<see cref="Infrastructure.RoutingDbContext"/>): a concurrency token, so two
    /// transactions that changed the same ticket (a hand-over and an assignment of the freed room) cannot both commit;
    /// the later one is retried and sees the other's outcome. Declared last: SQLite appends a column added by a migration.
    /// </summary>
    public long Version { get; internal set; }
}

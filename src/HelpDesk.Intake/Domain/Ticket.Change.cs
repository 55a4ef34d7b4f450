namespace HelpDesk.Intake.Domain;

/// <summary>
/// A change's record for its approval (issue 23): risk, planned window, implementation and backout plans, affected
/// services. Set at submission or while the change is New or in Assessment; frozen once it asks for approval, so
/// the approvers decide on what they read. Entering AwaitingApproval needs all but the affected services.
/// </summary>
public sealed partial class Ticket
{
    public ChangeRisk? Risk { get; private set; }

    public DateTimeOffset? PlannedStart { get; private set; }

    public DateTimeOffset? PlannedEnd { get; private set; }

    public string? ImplementationPlan { get; private set; }

    public string? BackoutPlan { get; private set; }

    public List<string> AffectedServices { get; private set; } = [];

    /// <summary>Statuses in which a change's plan may still be edited.</summary>
    public bool IsChangePlanOpen => Status is TicketStatus.New or TicketStatus.Assessment;

    /// <summary>Edits the change's plan; refused for other tickets, once the change asked for approval, or when the window ends before it starts.</summary>
    public TicketResult PlanChange(ChangePlanEdit edit, TicketActor actor, DateTimeOffset now)
    {
        if (Type != TicketType.Change)
        {
            return TicketResult.Fail(TicketErrorKind.NotAChange, $"{Number} is a {Type}; risk, schedule and plans belong to changes.");
        }
        if (!IsChangePlanOpen)
        {
            return TicketResult.Fail(TicketErrorKind.ChangePlanLocked,
                $"Change {Number} is {Status}: its plan is what the approvers decide on and can no longer change. Withdraw it to Assessment to re-plan.");
        }
        var (start, end) = (edit.PlannedStart ?? PlannedStart, edit.PlannedEnd ?? PlannedEnd);
        if (start is { } s && end is { } e && e <= s)
        {
            var field = edit.PlannedEnd is not null ? "plannedEnd" : "plannedStart";
            return TicketResult.Fail(TicketErrorKind.InvalidChangePlan, $"The planned end ({e:u}) must be after the planned start ({s:u}).", field);
        }
        var changes = ApplyPlan(edit);
        if (changes.Count == 0)
        {
            return TicketResult.Ok();
        }
        Touch(now);
        return TicketResult.Ok(new TicketUpdated(Id, Number, changes, actor.Name, now, Version, Queue, Priority));
    }

    /// <summary>The first field a change still lacks before it may ask for approval, or null when its plan is complete.</summary>
    public string? MissingForApproval() =>
        Risk is null ? "risk"
        : PlannedStart is null ? "plannedStart"
        : PlannedEnd is null ? "plannedEnd"
        : string.IsNullOrWhiteSpace(ImplementationPlan) ? "implementationPlan"
        : string.IsNullOrWhiteSpace(BackoutPlan) ? "backoutPlan"
        : null;

    private List<TicketFieldChange> ApplyPlan(ChangePlanEdit edit)
    {
        var changes = new List<TicketFieldChange>();
        if (edit.Risk is { } risk && risk != Risk)
        {
            changes.Add(new TicketFieldChange("risk", Risk?.ToString(), risk.ToString()));
            Risk = risk;
        }
        if (edit.PlannedStart is { } start && start != PlannedStart)
        {
            changes.Add(new TicketFieldChange("plannedStart", PlannedStart?.ToString("O"), start.ToString("O")));
            PlannedStart = start;
        }
        if (edit.PlannedEnd is { } end && end != PlannedEnd)
        {
            changes.Add(new TicketFieldChange("plannedEnd", PlannedEnd?.ToString("O"), end.ToString("O")));
            PlannedEnd = end;
        }
        if (edit.ImplementationPlan is { } implementation && implementation != ImplementationPlan)
        {
            changes.Add(new TicketFieldChange("implementationPlan", ImplementationPlan, implementation));
            ImplementationPlan = implementation;
        }
        if (edit.BackoutPlan is { } backout && backout != BackoutPlan)
        {
            changes.Add(new TicketFieldChange("backoutPlan", BackoutPlan, backout));
            BackoutPlan = backout;
        }
        if (edit.AffectedServices is { } services && !services.SequenceEqual(AffectedServices, StringComparer.Ordinal))
        {
            changes.Add(new TicketFieldChange("affectedServices", string.Join(", ", AffectedServices), string.Join(", ", services)));
            AffectedServices = [.. services];
        }
        return changes;
    }
}

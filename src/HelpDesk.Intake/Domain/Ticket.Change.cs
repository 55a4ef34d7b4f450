namespace HelpDesk.Intake.Domain;

/// <summary>
/// A change's plan for its approval (issue 23). Set at submission or while the change is New or in Assessment; frozen
/// once it asks for approval, so the approvers decide on what they read. Entering AwaitingApproval needs a complete
/// plan (all but the affected services).
/// </summary>
public sealed partial class Ticket
{
    /// <summary>Changes only; null until a plan member is given.</summary>
    public ChangePlan? Plan { get; private set; }

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
        var (start, end) = (edit.PlannedStart ?? Plan?.PlannedStart, edit.PlannedEnd ?? Plan?.PlannedEnd);
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
    public string? MissingForApproval() => Plan is null ? "risk" : Plan.Missing();

    private List<TicketFieldChange> ApplyPlan(ChangePlanEdit edit)
    {
        Plan ??= new ChangePlan();
        return Plan.Apply(edit);
    }
}

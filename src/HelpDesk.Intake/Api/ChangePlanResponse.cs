namespace HelpDesk.Intake.Api;

/// <summary>A change's plan as the approvers read it; <c>missingForApproval</c> names what it still lacks before it may ask for approval.</summary>
public sealed record ChangePlanResponse(
    ChangeRisk? Risk,
    DateTimeOffset? PlannedStart,
    DateTimeOffset? PlannedEnd,
    string? ImplementationPlan,
    string? BackoutPlan,
    IReadOnlyList<string> AffectedServices,
    bool Editable,
    string? MissingForApproval)
{
    public static ChangePlanResponse? From(Ticket t) => t.Type != TicketType.Change ? null
        : new(t.Plan?.Risk, t.Plan?.PlannedStart, t.Plan?.PlannedEnd, t.Plan?.ImplementationPlan, t.Plan?.BackoutPlan, t.Plan?.AffectedServices ?? [],
            t.IsChangePlanOpen, t.MissingForApproval());
}

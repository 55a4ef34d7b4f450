namespace HelpDesk.Intake.Domain;

/// <summary>
/// What a change advisory board reads before it decides: risk (picks the approval stages), the planned window,
/// implementation and backout plans, affected services. Owned by its change ticket (table <c>change_plans</c>).
/// </summary>
public sealed class ChangePlan
{
    public ChangeRisk? Risk { get; private set; }

    public DateTimeOffset? PlannedStart { get; private set; }

    public DateTimeOffset? PlannedEnd { get; private set; }

    public string? ImplementationPlan { get; private set; }

    public string? BackoutPlan { get; private set; }

    public List<string> AffectedServices { get; private set; } = [];

    /// <summary>The first field still missing before the change may ask for approval, or null when it is complete.</summary>
    public string? Missing() =>
        Risk is null ? "risk"
        : PlannedStart is null ? "plannedStart"
        : PlannedEnd is null ? "plannedEnd"
        : string.IsNullOrWhiteSpace(ImplementationPlan) ? "implementationPlan"
        : string.IsNullOrWhiteSpace(BackoutPlan) ? "backoutPlan"
        : null;

    /// <summary>Sets the members given and answers what changed (old → new) for the ticket's history.</summary>
    public List<TicketFieldChange> Apply(ChangePlanEdit edit)
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

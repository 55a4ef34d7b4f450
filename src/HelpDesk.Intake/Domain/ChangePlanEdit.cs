namespace HelpDesk.Intake.Domain;

/// <summary>
/// What a change advisory board reads before it decides, as given (checked and trimmed); null leaves a field as it is.
/// <paramref name="AffectedServices"/> replaces the list when given.
/// </summary>
public sealed record ChangePlanEdit(
    ChangeRisk? Risk = null,
    DateTimeOffset? PlannedStart = null,
    DateTimeOffset? PlannedEnd = null,
    string? ImplementationPlan = null,
    string? BackoutPlan = null,
    IReadOnlyList<string>? AffectedServices = null)
{
    public const int PlanMaxLength = 8000;

    public const int ServiceMaxLength = 100;

    public const int MaxServices = 50;

    public bool IsEmpty => Risk is null && PlannedStart is null && PlannedEnd is null && ImplementationPlan is null
        && BackoutPlan is null && AffectedServices is null;
}

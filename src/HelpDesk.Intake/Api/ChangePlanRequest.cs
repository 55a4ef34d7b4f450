using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Intake.Api;

/// <summary>
/// A change's risk, planned window, implementation and backout plans and affected services: the submission's
/// <c>change</c> member, or the body of <c>PUT /api/v1/changes/{id}/plan</c> (members left out stay as they are).
/// </summary>
public sealed record ChangePlanRequest(
    ChangeRisk? Risk = null,
    [ApiExample("\"2026-12-05T22:00:00Z\"")] DateTimeOffset? PlannedStart = null,
    [ApiExample("\"2026-12-05T23:30:00Z\"")] DateTimeOffset? PlannedEnd = null,
    [ApiExample("\"1. Drain traffic to the standby switch. 2. Upload firmware 9.3 and reboot. 3. Check spanning tree and uplinks.\"")] string? ImplementationPlan = null,
    [ApiExample("\"Boot the previous image (9.2) from the second slot; traffic returns within 5 minutes.\"")] string? BackoutPlan = null,
    [ApiExample("[\"core-network\", \"vpn\"]")] IReadOnlyList<string?>? AffectedServices = null)
{
    /// <summary>Checks every member (named <c>{prefix}member</c>); the window's order is checked here when both ends are given, else by the ticket.</summary>
    public ChangePlanEdit? Validate(Validation validation, string prefix = "")
    {
        validation
            .Defined(Risk, prefix + "risk", "The risk must be one of Low, Medium, High.")
            .When(ImplementationPlan is not null && string.IsNullOrWhiteSpace(ImplementationPlan), prefix + "implementationPlan", "The implementation plan cannot be blank.")
            .MaxLength(ImplementationPlan?.Trim(), prefix + "implementationPlan", ChangePlanEdit.PlanMaxLength)
            .When(BackoutPlan is not null && string.IsNullOrWhiteSpace(BackoutPlan), prefix + "backoutPlan", "The backout plan cannot be blank.")
            .MaxLength(BackoutPlan?.Trim(), prefix + "backoutPlan", ChangePlanEdit.PlanMaxLength)
            .When(PlannedStart is { } start && PlannedEnd is { } end && end <= start, prefix + "plannedEnd", "The planned end must be after the planned start.");
        var services = Services(validation, prefix + "affectedServices");
        var edit = new ChangePlanEdit(Risk, PlannedStart?.ToUniversalTime(), PlannedEnd?.ToUniversalTime(), ImplementationPlan?.Trim(), BackoutPlan?.Trim(), services);
        return validation.IsValid ? edit : null;
    }

    private List<string>? Services(Validation validation, string field)
    {
        if (AffectedServices is null)
        {
            return null;
        }
        if (AffectedServices.Count > ChangePlanEdit.MaxServices)
        {
            validation.Add(field, $"At most {ChangePlanEdit.MaxServices} affected services.");
            return null;
        }
        var services = new List<string>();
        for (var i = 0; i < AffectedServices.Count; i++)
        {
            var service = AffectedServices[i]?.Trim();
            if (string.IsNullOrEmpty(service) || service.Length > ChangePlanEdit.ServiceMaxLength || service.Any(char.IsControl))
            {
                validation.Add($"{field}[{i}]", $"A service name is 1–{ChangePlanEdit.ServiceMaxLength} characters without control characters.");
            }
            else if (!services.Contains(service, StringComparer.OrdinalIgnoreCase))
            {
                services.Add(service);
            }
        }
        return services;
    }
}

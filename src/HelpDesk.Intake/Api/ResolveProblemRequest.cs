namespace HelpDesk.Intake.Api;

/// <summary>Resolve a problem; with <c>resolveLinkedIncidents</c> its open linked incidents are resolved in the same transaction.</summary>
public sealed record ResolveProblemRequest(string? Resolution, bool ResolveLinkedIncidents = false);

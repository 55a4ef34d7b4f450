namespace HelpDesk.Intake.Api;

/// <summary>A public update posted on every linked ticket; each requester is notified once.</summary>
public sealed record MajorIncidentUpdateRequest(string? Body);

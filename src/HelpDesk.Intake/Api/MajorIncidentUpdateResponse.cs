namespace HelpDesk.Intake.Api;

public sealed record MajorIncidentUpdateResponse(Guid MajorIncidentId, int TicketsUpdated, int RequestersNotified);

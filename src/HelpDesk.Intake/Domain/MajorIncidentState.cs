namespace HelpDesk.Intake.Domain;

public enum MajorIncidentState { Candidate, Confirmed, Dismissed }

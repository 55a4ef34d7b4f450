namespace HelpDesk.Intake.Api;

public enum SubmissionOutcome { Created, Replayed, KeyReusedWithDifferentRequest }

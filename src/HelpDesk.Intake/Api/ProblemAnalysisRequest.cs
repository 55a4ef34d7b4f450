namespace HelpDesk.Intake.Api;

public sealed record ProblemAnalysisRequest(string? RootCause, string? Workaround);

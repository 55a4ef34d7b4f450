namespace HelpDesk.Routing.Domain;

public sealed record ApprovalDecisionResult(ApprovalDecisionOutcome Outcome, ApprovalRequest? Request = null, string? Detail = null);

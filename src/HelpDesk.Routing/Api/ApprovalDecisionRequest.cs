namespace HelpDesk.Routing.Api;

public sealed record ApprovalDecisionRequest(string? Approver, string? Reason);

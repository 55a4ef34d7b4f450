using HelpDesk.ServiceDefaults.OpenApi;

namespace HelpDesk.Routing.Api;

public sealed record ApprovalDecisionRequest(string? Approver, [ApiExample("\"Within the team's budget for this quarter\"")] string? Reason);

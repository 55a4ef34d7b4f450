namespace HelpDesk.Web.Gateway;

public sealed record ApprovalVote(string Approver, string? Email, bool IsEscalation, string? Decision, DateTimeOffset? DecidedAt, string? DecidedBy, string? Reason);

namespace HelpDesk.Web.Gateway;

public sealed record ApprovalStage(int Index, string Name, string Mode, string Status, DateTimeOffset? NextDueAt, IReadOnlyList<ApprovalVote> Approvers);

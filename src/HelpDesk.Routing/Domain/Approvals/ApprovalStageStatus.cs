namespace HelpDesk.Routing.Domain;

public enum ApprovalStageStatus { Waiting, Active, Approved, Rejected, Withdrawn }

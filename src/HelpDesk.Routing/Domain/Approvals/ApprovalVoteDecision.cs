namespace HelpDesk.Routing.Domain;

public enum ApprovalVoteDecision { Approved, Rejected }

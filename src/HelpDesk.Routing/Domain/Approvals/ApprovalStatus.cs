namespace HelpDesk.Routing.Domain;

public enum ApprovalStatus { Pending, Approved, Rejected }

namespace HelpDesk.Routing.Domain;

public enum ApprovalDecisionOutcome { Recorded, NotFound, NotPending, NotApprover, AlreadyDecided, LinkExpired, LinkUsed, Withdrawn }

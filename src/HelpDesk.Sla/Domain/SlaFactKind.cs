namespace HelpDesk.Sla.Domain;

public enum SlaFactKind { Submitted, Routed, Assigned, StatusChanged, Commented, Resolved, Reopened, Closed, Rated }

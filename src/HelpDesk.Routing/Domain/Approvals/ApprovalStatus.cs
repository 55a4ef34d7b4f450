namespace HelpDesk.Routing.Domain;

/// <summary>Withdrawn: the ticket was closed or cancelled before a decision; nobody is asked any more.</summary>
public enum ApprovalStatus { Pending, Approved, Rejected, Withdrawn }

namespace HelpDesk.Intake.Infrastructure;

/// <summary>What became of an e-mail the desk looked at.</summary>
public enum EmailOutcome { Ticket, Comment, Duplicate, SkippedAutomatic, SkippedOwnAddress, RateLimited, Invalid, ApprovalReply }

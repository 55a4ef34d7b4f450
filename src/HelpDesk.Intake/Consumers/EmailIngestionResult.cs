namespace HelpDesk.Intake.Consumers;

/// <summary>What became of one e-mail, and the ticket it went to.</summary>
public sealed record EmailIngestionResult(EmailOutcome Outcome, Guid? TicketId, string? Detail = null)
{
    /// <summary>True when the message became (part of) a ticket now or earlier: file it as processed.</summary>
    public bool Accepted => Outcome is EmailOutcome.Ticket or EmailOutcome.Comment or EmailOutcome.Duplicate or EmailOutcome.ApprovalReply;
}

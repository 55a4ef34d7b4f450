namespace HelpDesk.Intake.Api;

/// <summary>The answer to a submission: the new ticket, the earlier answer to the same key, or a refused key reuse.</summary>
public sealed record SubmissionResult(SubmissionOutcome Outcome, TicketResponse? Ticket);

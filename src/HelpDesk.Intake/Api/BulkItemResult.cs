namespace HelpDesk.Intake.Api;

/// <summary>One ticket's outcome: <c>applied</c>, <c>failed</c> (with the reason; nothing of it was applied) or <c>notFound</c>.</summary>
public sealed record BulkItemResult(string Ticket, Guid? TicketId, string Outcome, string? Error = null, int? Version = null, bool Replayed = false);

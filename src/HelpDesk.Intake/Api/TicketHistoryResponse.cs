namespace HelpDesk.Intake.Api;

/// <summary>A page of a ticket's history, oldest first; pass <c>next</c> as <c>after</c> for the following page.</summary>
public sealed record TicketHistoryResponse(Guid TicketId, string TicketNumber, IReadOnlyList<TicketHistoryEntryResponse> Entries, long? Next);

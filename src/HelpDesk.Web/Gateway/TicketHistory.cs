namespace HelpDesk.Web.Gateway;

/// <summary>A page of a ticket's history, oldest first; <c>Next</c> asks for the following page.</summary>
public sealed record TicketHistory(Guid TicketId, string TicketNumber, IReadOnlyList<TicketHistoryEntry> Entries, long? Next);

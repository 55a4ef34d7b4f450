namespace HelpDesk.Routing.Domain;

/// <summary>What is being approved: a catalogue request or a change, with the requester (for manager approval) and language.</summary>
public sealed record ApprovalSubject(
    Guid TicketId,
    string TicketNumber,
    bool IsChange,
    string Subject,
    string? CatalogItem = null,
    int? CatalogVersion = null,
    string? RequesterEmail = null,
    string? RequesterManager = null,
    string? Language = null);

namespace HelpDesk.Notifications.Api;

public sealed record TicketResponse(Guid TicketId, string TicketNumber, string? Subject, string? RequesterEmail, string Language, string? Queue,
    string? AssigneeName, string? AssigneeEmail, string? Approver, TicketStatus? Status, IReadOnlyList<string> Watchers);

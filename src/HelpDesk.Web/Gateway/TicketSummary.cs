namespace HelpDesk.Web.Gateway;

public sealed record TicketSummary(
    Guid Id, string Number, string Type, string Channel, string Status, string Priority, string Subject, string RequesterEmail,
    string? Queue, string? AssigneeId, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

namespace HelpDesk.Intake.Api;

public sealed record TicketSummary(
    Guid Id, string Number, TicketType Type, TicketChannel Channel, TicketStatus Status, TicketPriority Priority,
    string Subject, string RequesterEmail, string? Queue, string? AssigneeId, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

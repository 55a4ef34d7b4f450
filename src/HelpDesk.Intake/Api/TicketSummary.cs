namespace HelpDesk.Intake.Api;

public sealed record TicketSummary(
    Guid Id, string Number, TicketType Type, TicketChannel Channel, TicketStatus Status, TicketPriority Priority,
    string Subject, string RequesterEmail, string? Queue, string? AssigneeId, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static TicketSummary From(Ticket t) =>
        new(t.Id, t.Number, t.Type, t.Channel, t.Status, t.Priority, t.Subject, t.RequesterEmail, t.Queue, t.AssigneeId, t.Tags, t.CreatedAt, t.UpdatedAt);
}

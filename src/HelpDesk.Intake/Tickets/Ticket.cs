using HelpDesk.Contracts;

namespace HelpDesk.Intake.Tickets;

/// <summary>The ticket record; Intake is its only owner and writer.</summary>
public sealed class Ticket
{
    public Guid Id { get; set; }

    public required string Number { get; set; }

    public TicketType Type { get; set; }

    public TicketChannel Channel { get; set; }

    public TicketStatus Status { get; set; }

    public TicketPriority Priority { get; set; }

    public required string RequesterEmail { get; set; }

    public string? RequesterName { get; set; }

    public required string Subject { get; set; }

    public required string Description { get; set; }

    public string Language { get; set; } = "en";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set from TicketRouted: the routing service decides, Intake records.</summary>
    public string? Queue { get; set; }

    public string? Category { get; set; }

    public string? RoutedBy { get; set; }

    public string? AssigneeId { get; set; }

    public string? AssigneeName { get; set; }
}

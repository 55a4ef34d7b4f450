using HelpDesk.Contracts;

namespace HelpDesk.Intake.Domain;

/// <summary>A requested status change: who asks and why, with the resolution or assignee the target status takes.</summary>
public sealed record TicketTransition(
    TicketStatus To, string Actor, string? Reason = null, string? Resolution = null, string? AssigneeId = null, string? AssigneeName = null);

namespace HelpDesk.Intake.Domain;

/// <summary>
/// A typed link, stored once from the ticket that states it (a duplicate says "duplicate of" its original); the other
/// ticket shows the inverse (<see cref="TicketLinkTypes.InverseLabel"/>). One link per (ticket, type, target).
/// </summary>
public sealed class TicketLink
{
    public Guid TicketId { get; init; }

    public TicketLinkType Type { get; init; }

    public Guid TargetTicketId { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

namespace HelpDesk.Intake.Consumers;

/// <summary>Records the assignee on the ticket; <see cref="Ticket.RecordAssignment"/> decides whether its status moves.</summary>
public sealed class RecordAssignmentOnTicket(IntakeDbContext db, ILogger<RecordAssignmentOnTicket> logger) : TicketConsumer<TicketAssigned>(db, logger)
{
    protected override Guid TicketIdOf(TicketAssigned message) => message.TicketId;

    protected override TicketResult Apply(Ticket ticket, TicketAssigned message) => ticket.RecordAssignment(message);
}

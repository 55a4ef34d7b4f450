namespace HelpDesk.Intake.Consumers;

/// <summary>Shows routing's decision on the ticket record.</summary>
public sealed class RecordRoutingOnTicket(IntakeDbContext db, ILogger<RecordRoutingOnTicket> logger) : TicketConsumer<TicketRouted>(db, logger)
{
    protected override Guid TicketIdOf(TicketRouted message) => message.TicketId;

    protected override TicketResult Apply(Ticket ticket, TicketRouted message) => ticket.RecordRouting(message);
}

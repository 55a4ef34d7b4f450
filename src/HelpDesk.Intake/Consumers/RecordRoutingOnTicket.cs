namespace HelpDesk.Intake.Consumers;

/// <summary>Shows routing's decision on the ticket record, then lets storm detection look at the routed incident.</summary>
public sealed class RecordRoutingOnTicket(IntakeDbContext db, MajorIncidentDetector detector, ILogger<RecordRoutingOnTicket> logger) : TicketConsumer<TicketRouted>(db, logger)
{
    protected override Guid TicketIdOf(TicketRouted message) => message.TicketId;

    protected override TicketResult Apply(Ticket ticket, TicketRouted message) => ticket.RecordRouting(message);

    protected override Task AfterApplyAsync(Ticket ticket, TicketRouted message, CancellationToken cancellationToken) =>
        detector.ObserveAsync(Db, ticket, cancellationToken);
}

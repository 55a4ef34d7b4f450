namespace HelpDesk.Intake.Consumers;

/// <summary>Routing fulfilled a catalogue request (its tasks are done, or its automation succeeded): resolve it, and close it when automatic.</summary>
public sealed class ResolveFulfilledRequest(IntakeDbContext db, ILogger<ResolveFulfilledRequest> logger) : TicketConsumer<TicketFulfilled>(db, logger)
{
    protected override Guid TicketIdOf(TicketFulfilled message) => message.TicketId;

    protected override TicketResult Apply(Ticket ticket, TicketFulfilled message) => ticket.RecordFulfilment(message);
}

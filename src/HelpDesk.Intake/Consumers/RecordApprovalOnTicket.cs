namespace HelpDesk.Intake.Consumers;

/// <summary>The approval engine's decision moves a change out of AwaitingApproval (<see cref="Ticket.RecordApprovalDecision"/>).</summary>
public sealed class RecordApprovalOnTicket(IntakeDbContext db, ILogger<RecordApprovalOnTicket> logger) : TicketConsumer<TicketApprovalDecided>(db, logger)
{
    protected override Guid TicketIdOf(TicketApprovalDecided message) => message.TicketId;

    protected override TicketActor Actor => TicketActor.Service("approval");

    protected override TicketResult Apply(Ticket ticket, TicketApprovalDecided message) => ticket.RecordApprovalDecision(message);
}

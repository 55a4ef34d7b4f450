namespace HelpDesk.Intake.Infrastructure;

public static class TicketRecording
{
    /// <summary>
    /// Queues what a ticket method returned: its events in the outbox and its history entries, both committed by the
    /// same SaveChanges as the change itself (so the history never misses a published change, nor the reverse).
    /// </summary>
    public static void Record(this IntakeDbContext db, Ticket ticket, TicketResult result, TicketActor actor, DateTimeOffset at)
    {
        db.PublishEvents(result.Events, ticket.Id);
        db.History.AddRange(TicketHistory.Entries(ticket.Id, result, actor, at));
    }
}

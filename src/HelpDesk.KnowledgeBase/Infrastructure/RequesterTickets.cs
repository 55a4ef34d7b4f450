namespace HelpDesk.KnowledgeBase.Infrastructure;

/// <summary>Who filed which ticket when (requester e-mail, lower-case), for the deflection report.</summary>
internal static class RequesterTickets
{
    /// <summary>Adds the ticket's row unless it is recorded already or its requester address cannot be kept.</summary>
    public static async Task RecordAsync(KnowledgeBaseDbContext db, TicketSubmitted ticket, CancellationToken cancellationToken)
    {
        var requester = ticket.Requester.Email.Trim().ToLowerInvariant();
        if (requester.Length == 0 || requester.Length > SearchLogEntry.MaxRequesterLength || await KbTicketQueries.RecordedAsync(db, ticket.TicketId, cancellationToken))
        {
            return;
        }
        db.RequesterTickets.Add(new RequesterTicket { TicketId = ticket.TicketId, Requester = requester, SubmittedAt = ticket.SubmittedAt });
    }
}

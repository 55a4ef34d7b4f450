namespace HelpDesk.Sla.Infrastructure;

/// <summary>Applies a lifecycle fact: stores it, replays the ticket's facts and writes the resulting clocks.</summary>
public sealed class SlaClockStore(SlaCatalogProvider catalogs, TimeProvider time)
{
    /// <summary>Adds the fact (unless the same fact was stored already) and updates the clocks; the caller saves.</summary>
    public async Task<bool> ApplyAsync(SlaDbContext db, SlaFact fact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fact);
        // The ticket row (and its Version) is read BEFORE the facts. Under READ COMMITTED each statement sees what has
        // committed by then: read the other way round, a fact of the same ticket committing between the two reads was
        // missing from our replay while the version we then checked already included it, so our write silently undid
        // it (seen on PostgreSQL + RabbitMQ, where two facts of one ticket are consumed at once). Read in this order,
        // a fact that commits after our ticket read makes our conditional UPDATE fail, and the retry replays it. A new
        // ticket's row is inserted first (SlaTicketStart), so two first facts queue on it instead of both inserting.
        var ticket = await SlaQueries.FindTicketAsync(db, fact.TicketId, cancellationToken)
            ?? await SlaTicketStart.InsertAndLoadAsync(db, fact.TicketId, time.GetUtcNow(), cancellationToken);
        var facts = await SlaQueries.FactsOfAsync(db, fact.TicketId, cancellationToken);
        if (facts.Any(f => f.FactKey == fact.FactKey))
        {
            return false;
        }
        db.Facts.Add(fact);
        facts.Add(fact);
        var catalog = await catalogs.GetAsync(cancellationToken);
        await WriteAsync(db, ticket, fact.TicketId, facts, catalog, cancellationToken);
        return true;
    }

    /// <summary>Replays the ticket's facts and writes the ticket and its clocks as the replay leaves them.</summary>
    private async Task WriteAsync(SlaDbContext db, SlaTicket ticket, Guid ticketId, List<SlaFact> facts, SlaCatalog catalog, CancellationToken cancellationToken)
    {
        var state = SlaClockEngine.Replay(facts, catalog);
        ticket.Record(state, time.GetUtcNow());

        var rows = await SlaQueries.ClocksOfAsync(db, ticketId, cancellationToken);
        foreach (var clock in state.Clocks.Values)
        {
            var row = rows.FirstOrDefault(r => r.Metric == clock.Metric);
            if (row is null)
            {
                row = new SlaClock { TicketId = ticketId, Metric = clock.Metric };
                db.Clocks.Add(row);
            }
            if (row.Record(clock, state))
            {
                db.ScheduleChanged = true;
            }
        }
    }
}

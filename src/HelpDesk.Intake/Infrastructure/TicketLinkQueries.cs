using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

public static class TicketLinkQueries
{
    /// <summary>A ticket's links both ways: those it states (outgoing) and those stated about it (incoming, with the inverse label).</summary>
    public static async Task<TicketLinkResponse[]> BothDirectionsAsync(IntakeDbContext db, Guid ticketId, CancellationToken cancellationToken)
    {
        var links = await db.Links.AsNoTracking().Where(l => l.TicketId == ticketId || l.TargetTicketId == ticketId).ToListAsync(cancellationToken);
        var otherIds = links.Select(l => l.TicketId == ticketId ? l.TargetTicketId : l.TicketId).Distinct().ToList();
        var others = await db.Tickets.AsNoTracking().Where(t => otherIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        return [.. links.Where(l => others.ContainsKey(l.TicketId == ticketId ? l.TargetTicketId : l.TicketId)).Select(l =>
        {
            var outgoing = l.TicketId == ticketId;
            var other = others[outgoing ? l.TargetTicketId : l.TicketId];
            var label = outgoing ? TicketLinkTypes.Label(l.Type) : TicketLinkTypes.InverseLabel(l.Type);
            return new TicketLinkResponse(l.Type, outgoing ? "outgoing" : "incoming", label, other.Id, other.Number, other.Type, other.Status, other.Subject, l.CreatedBy, l.CreatedAt);
        }).OrderBy(l => l.CreatedAt)];
    }

    /// <summary>The tickets <paramref name="ticketId"/> is a duplicate of, following duplicate-of links transitively (bounded).</summary>
    public static async Task<HashSet<Guid>> DuplicateChainAsync(IntakeDbContext db, Guid ticketId, CancellationToken cancellationToken)
    {
        var chain = new HashSet<Guid>();
        var frontier = new List<Guid> { ticketId };
        for (var depth = 0; depth < 50 && frontier.Count > 0; depth++)
        {
            var ids = frontier;
            var next = await db.Links.AsNoTracking().Where(l => l.Type == TicketLinkType.DuplicateOf && ids.Contains(l.TicketId)).Select(l => l.TargetTicketId).ToListAsync(cancellationToken);
            var merged = await db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id) && t.MergedIntoTicketId != null).Select(t => t.MergedIntoTicketId!.Value).ToListAsync(cancellationToken);
            frontier = [.. next.Concat(merged).Where(chain.Add)];
        }
        return chain;
    }

    public static async Task<bool> ExistsAsync(IntakeDbContext db, Guid ticketId, TicketLinkType type, Guid targetId, CancellationToken cancellationToken) =>
        await FindAsync(db, ticketId, type, targetId, cancellationToken, tracked: false) is not null;

    /// <summary>The link of this type between the two tickets, stated from either side.</summary>
    public static Task<TicketLink?> FindAsync(IntakeDbContext db, Guid ticketId, TicketLinkType type, Guid targetId, CancellationToken cancellationToken, bool tracked = true)
    {
        var links = tracked ? db.Links : db.Links.AsNoTracking();
        return links.FirstOrDefaultAsync(l => l.Type == type
            && ((l.TicketId == ticketId && l.TargetTicketId == targetId) || (l.TicketId == targetId && l.TargetTicketId == ticketId)), cancellationToken);
    }
}

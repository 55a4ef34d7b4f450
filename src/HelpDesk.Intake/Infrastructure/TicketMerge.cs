using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// Merges a duplicate into its original, or undoes that: both tickets, the moved comments, the duplicate-of link,
/// both tickets' events and history are queued on the one DbContext and saved by the caller in one transaction.
/// </summary>
public sealed class TicketMerge(IntakeDbContext db, TicketActor actor, DateTimeOffset now, TimeSpan undoWindow)
{
    public int CommentsMoved { get; private set; }

    public async Task<TicketError?> MergeAsync(Ticket source, Ticket target, CancellationToken cancellationToken)
    {
        var chain = await TicketLinkQueries.DuplicateChainAsync(db, target.Id, cancellationToken);
        if (chain.Contains(source.Id))
        {
            return new TicketError(TicketErrorKind.InvalidLink, $"{target.Number} is already a duplicate of {source.Number}; merging would make a cycle.");
        }
        var comments = await db.Comments.Where(c => c.TicketId == source.Id).ToListAsync(cancellationToken);
        var result = source.MergeInto(target, comments.Count, actor, now, undoWindow);
        if (result.Error is { } error)
        {
            return error;
        }
        comments.ForEach(c => c.MoveTo(target.Id));
        CommentsMoved = comments.Count;
        if (await TicketLinkQueries.FindAsync(db, source.Id, TicketLinkType.DuplicateOf, target.Id, cancellationToken) is null)
        {
            db.Links.Add(new TicketLink { TicketId = source.Id, Type = TicketLinkType.DuplicateOf, TargetTicketId = target.Id, CreatedBy = actor.Name, CreatedAt = now });
        }
        db.Record(source, result, actor, now);
        db.Record(target, target.AcceptMerge(source, actor, now), actor, now);
        return null;
    }

    public async Task<TicketError?> UndoAsync(Ticket source, Ticket target, CancellationToken cancellationToken)
    {
        var result = source.UndoMerge(target, actor, now, undoWindow);
        if (result.Error is { } error)
        {
            return error;
        }
        var comments = await db.Comments.Where(c => c.TicketId == target.Id && c.MovedFromTicketId == source.Id).ToListAsync(cancellationToken);
        comments.ForEach(c => c.MoveBack());
        CommentsMoved = comments.Count;
        if (await TicketLinkQueries.FindAsync(db, source.Id, TicketLinkType.DuplicateOf, target.Id, cancellationToken) is { } link)
        {
            db.Links.Remove(link);
        }
        db.Record(source, result, actor, now);
        db.History.AddRange(TicketHistory.Entries(target.Id, TicketResult.Ok() with { Changes = [new TicketFieldChange("duplicate", source.Number, null)] }, actor, now));
        return null;
    }
}

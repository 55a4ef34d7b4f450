using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Api;

/// <summary>One bulk request being applied, ticket by ticket.</summary>
public sealed class BulkRun(IntakeDbContext db, TicketActionPlan plan, Caller caller, string key, string hash, IntakeOptions options, TimeProvider time)
{
    private readonly TicketActor _actor = caller.Actor();

    public async Task<BulkItemResult> ApplyAsync(string reference, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var ticket = await db.Tickets.FindWorkedByAsync(reference, caller, cancellationToken);
            if (ticket is null)
            {
                return new BulkItemResult(reference, null, "notFound", $"No ticket has the id or number '{reference}'.");
            }
            if (await db.BulkItems.AsNoTracking().FirstOrDefaultAsync(i => i.ClientId == caller.Id && i.Key == key && i.TicketId == ticket.Id, cancellationToken) is { } done)
            {
                return Result(reference, done, replayed: true);
            }
            var now = time.GetUtcNow();
            var outcome = plan.ApplyTo(ticket, _actor, now, options.PriorityFor, options.ReopenWindow, options.MaxTags);
            if (outcome.Result.Error is { } error)
            {
                db.ChangeTracker.Clear(); // nothing of a refused ticket is saved, only the refusal
            }
            else
            {
                db.Comments.AddRange(outcome.Comments);
                db.Record(ticket, outcome.Result, _actor, now);
            }
            var item = new BulkOperationItem
            {
                ClientId = caller.Id, Key = key, TicketId = ticket.Id, RequestHash = hash, Applied = outcome.Result.Succeeded,
                Error = outcome.Result.Error?.Detail, Version = outcome.Result.Succeeded ? ticket.Version : null, CreatedAt = now,
            };
            db.BulkItems.Add(item);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return Result(reference, item, replayed: false);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Someone changed the ticket meanwhile, or a concurrent retry of this request did it: look again.
            }
        }
    }

    private static BulkItemResult Result(string reference, BulkOperationItem item, bool replayed) =>
        new(reference, item.TicketId, item.Applied ? "applied" : "failed", item.Error, item.Version, replayed);
}

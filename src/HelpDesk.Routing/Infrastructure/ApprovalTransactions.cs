using HelpDesk.Routing.Domain;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Infrastructure;

/// <summary>How every decision (API, link) commits: one transaction under the request's concurrency token, re-run on a collision.</summary>
public static class ApprovalTransactions
{
    private const int MaxAttempts = 4;

    /// <summary>
    /// Runs a decision in its own transaction; a concurrent decision on the same request makes the commit fail on the
    /// request's version, and the decision is re-run on fresh state (where it may find the stage already settled).
    /// </summary>
    public static async Task<ApprovalDecisionResult> DecideWithRetryAsync(RoutingDbContext db, Func<CancellationToken, Task<ApprovalDecisionResult>> decide, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await decide(cancellationToken);
            if (result.Outcome != ApprovalDecisionOutcome.Recorded)
            {
                return result;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }
    }
}

using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Api;

/// <summary>
/// A change the caller sent without a version (no If-Match, no expectedVersion) means "apply this to the ticket as it is
/// now". When a consumer saved the ticket between our read and our write (routing's assignment, a major-incident link),
/// the change is loaded, applied and saved again on the fresh ticket instead of refusing the caller with a conflict.
/// A caller who named a version asked for "only if unchanged" and gets the 412/409 as before.
/// </summary>
public static class UnversionedChanges
{
    public const int Retries = 3;

    public static async Task<TResult> RunAsync<TResult>(IntakeDbContext db, int? expectedVersion, Func<Task<TResult>> attempt)
    {
        db.ConcurrencyRetriesLeft = expectedVersion is null ? Retries : 0;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateConcurrencyException) when (db.ConcurrencyRetriesLeft > 0)
            {
                // The save's filter let it through to us: forget what this attempt loaded and added, then go again.
                db.ConcurrencyRetriesLeft--;
                db.ChangeTracker.Clear();
            }
        }
    }
}

using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>The idempotency look-up every keyed submission makes, compiled once per model (<see cref="PerModel{TQuery}"/>).</summary>
public static class IdempotencyQueries
{
    private static readonly PerModel<Func<IntakeDbContext, string, string, CancellationToken, Task<IdempotencyRecord?>>> Record =
        new(() => EF.CompileAsyncQuery((IntakeDbContext db, string clientId, string key, CancellationToken _) =>
            db.IdempotencyRecords.AsNoTracking().FirstOrDefault(r => r.ClientId == clientId && r.Key == key)));

    public static Task<IdempotencyRecord?> FindAsync(IntakeDbContext db, string clientId, string key, CancellationToken cancellationToken) =>
        Record.For(db)(db, clientId, key, cancellationToken);
}

using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>
/// SQLite admits one writer at a time, and Microsoft.Data.Sqlite waits for a busy database by sleeping the
/// calling thread and retrying. Under a burst of submissions that blocks thread-pool threads and starves the
/// host. Queueing this process's submission transactions on an async gate keeps them in order without
/// blocking threads. PostgreSQL needs no gate: row locks and the unique keys do the work there.
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable?> EnterAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }
        await _gate.WaitAsync(cancellationToken);
        return new Releaser(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}

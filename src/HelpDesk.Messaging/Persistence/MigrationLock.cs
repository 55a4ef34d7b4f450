using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// Makes sure one migrator at a time works on a database. PostgreSQL: a session-level advisory lock
/// (<c>pg_advisory_lock</c>, key derived from the DbContext name) on the connection the migration then uses, so it
/// is released by the server even if the process dies. SQLite: an exclusive OS lock on <c>&lt;file&gt;.migrate.lock</c>
/// beside the database, released by the OS likewise.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private readonly DbContext? _db;
    private readonly long _key;
    private readonly FileStream? _file;

    private MigrationLock(DbContext? db, long key, FileStream? file)
    {
        _db = db;
        _key = key;
        _file = file;
    }

    /// <summary>The advisory lock key of a context: stable across builds and processes (FNV-1a of its name).</summary>
    public static long AdvisoryKey(Type contextType)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in "helpdesk-migrations:" + contextType.Name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    public static async Task<MigrationLock> AcquireAsync(DbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var waitingSince = DateTime.UtcNow;
        var logged = false;
        while (true)
        {
            var acquired = db.Database.IsNpgsql()
                ? await TryAdvisoryLockAsync(db, cancellationToken)
                : TryFileLock(db);
            if (acquired is not null)
            {
                return acquired;
            }
            if (!logged && DateTime.UtcNow - waitingSince > TimeSpan.FromSeconds(2))
            {
                logger.LogInformation("Waiting for the migration lock of {Context}: another replica or migrator is migrating it", db.GetType().Name);
                logged = true;
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static async Task<MigrationLock?> TryAdvisoryLockAsync(DbContext db, CancellationToken cancellationToken)
    {
        var key = AdvisoryKey(db.GetType());
        await db.Database.OpenConnectionAsync(cancellationToken);
        var locked = await ScalarAsync(db, "SELECT pg_try_advisory_lock(@key)", key, cancellationToken);
        if (locked is true)
        {
            return new MigrationLock(db, key, null);
        }
        await db.Database.CloseConnectionAsync();
        return null;
    }

    private static MigrationLock? TryFileLock(DbContext db)
    {
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:")
        {
            return new MigrationLock(null, 0, null);
        }
        try
        {
            var file = new FileStream(Path.GetFullPath(source) + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new MigrationLock(null, 0, file);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<object?> ScalarAsync(DbContext db, string sql, long key, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            try
            {
                await ScalarAsync(_db, "SELECT pg_advisory_unlock(@key)", _key, CancellationToken.None);
            }
            catch (DbException)
            {
                // The connection is gone, and the server released the session's lock with it.
            }
            await _db.Database.CloseConnectionAsync();
        }
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }
    }
}

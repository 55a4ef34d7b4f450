using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// One writer at a time per SQLite database file in this process, queued asynchronously.
/// </summary>
/// <remarks>
/// SQLite admits one writer; Microsoft.Data.Sqlite meets a busy database by sleeping the calling thread 150 ms and
/// retrying. With a consumer, a dispatcher and requests writing the same file, that sleep was most of a ticket's
/// latency and blocked thread-pool threads on a two-core machine. Here a write transaction (and a write statement
/// outside one) first takes the file's turn on an async FIFO gate, so writers wait without threads and without the
/// 150 ms granularity. Nothing about durability changes: the same transactions commit the same way. Other processes
/// writing the same file still meet the busy retry (the connection's Default Timeout).
/// </remarks>
internal sealed class SqliteWriterQueue : DbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriterQueue Instance = new();

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Gates held by a connection's open transaction, or by a write statement outside a transaction.</summary>
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _held = new();

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(eventData.ConnectionId, connection, cancellationToken);
        return result;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(eventData.ConnectionId, connection);
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.ConnectionId);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.ConnectionId);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(eventData.ConnectionId);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.ConnectionId);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback (an exception) ends when EF closes the connection it opened.
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(eventData.ConnectionId);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(eventData.ConnectionId);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(eventData.ConnectionId);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(eventData.ConnectionId);
        return ValueTask.FromResult(result);
    }

    // Write statements outside a transaction: EF runs a single-statement SaveChanges and ExecuteUpdate/Delete that way.
    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (IsLoneWrite(command))
        {
            await EnterAsync(eventData.CommandId, command.Connection!, cancellationToken);
        }
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (IsLoneWrite(command))
        {
            Enter(eventData.CommandId, command.Connection!);
        }
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Leave(eventData.CommandId);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Leave(eventData.CommandId);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (IsLoneWrite(command))
        {
            await EnterAsync(eventData.CommandId, command.Connection!, cancellationToken);
        }
        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (IsLoneWrite(command))
        {
            Enter(eventData.CommandId, command.Connection!);
        }
        return result;
    }

    // INSERT … RETURNING holds the write lock until its reader is done.
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Leave(eventData.CommandId);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Leave(eventData.CommandId);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.CommandId);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Leave(eventData.CommandId);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.CommandId);
        return Task.CompletedTask;
    }

    private async Task EnterAsync(Guid holder, DbConnection connection, CancellationToken cancellationToken)
    {
        var gate = GateOf(connection);
        if (!await gate.WaitAsync(TimeoutOf(connection), cancellationToken))
        {
            throw new TimeoutException($"Waited {TimeoutOf(connection)} for the writer's turn on {connection.DataSource}.");
        }
        Hold(holder, gate);
    }

    private void Enter(Guid holder, DbConnection connection)
    {
        var gate = GateOf(connection);
        if (!gate.Wait(TimeoutOf(connection)))
        {
            throw new TimeoutException($"Waited {TimeoutOf(connection)} for the writer's turn on {connection.DataSource}.");
        }
        Hold(holder, gate);
    }

    private void Hold(Guid holder, SemaphoreSlim gate)
    {
        if (!_held.TryAdd(holder, gate))
        {
            // Already holding (a nested start EF would refuse anyway): give the extra turn back.
            gate.Release();
        }
    }

    private void Leave(Guid holder)
    {
        if (_held.TryRemove(holder, out var gate))
        {
            gate.Release();
        }
    }

    private static SemaphoreSlim GateOf(DbConnection connection) =>
        Gates.GetOrAdd(string.IsNullOrEmpty(connection.DataSource) ? "" : Path.GetFullPath(connection.DataSource), _ => new SemaphoreSlim(1, 1));

    private static TimeSpan TimeoutOf(DbConnection connection) =>
        TimeSpan.FromSeconds(connection is SqliteConnection { DefaultTimeout: > 0 } sqlite ? sqlite.DefaultTimeout : 60);

    private static bool IsLoneWrite(DbCommand command) =>
        command.Transaction is null && command.Connection is not null && IsWriteStatement(command.CommandText);

    internal static bool IsWriteStatement(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }
}

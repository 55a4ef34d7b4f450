using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// Sets <c>PRAGMA synchronous=NORMAL</c> on each SQLite connection handle once. The setting belongs to the native
/// handle, which Microsoft.Data.Sqlite's pool keeps across opens, so the pragma runs when a handle is first seen, not
/// at every open. Registered only when <see cref="SqliteSynchronous.Normal"/> is configured.
/// </summary>
internal sealed class SqliteSynchronousInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteSynchronousInterceptor Instance = new();

    private static readonly ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragma(connection, out var command))
        {
            using (command)
            {
                command.ExecuteNonQuery();
            }
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragma(connection, out var command))
        {
            await using (command)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static bool NeedsPragma(DbConnection connection, out DbCommand command)
    {
        command = null!;
        if (connection is not SqliteConnection { Handle: { } handle } || !Configured.TryAdd(handle, handle))
        {
            return false;
        }
        command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        return true;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// Adopts a database made by a release before migrations (schema created whole from the model by EF Core, no
/// <c>__EFMigrationsHistory</c>): if it has every table and column the first migration creates, that migration is
/// recorded as applied and the later ones run as for any other database. Anything else is refused, never guessed.
/// </summary>
internal static class LegacySchemaBaseline
{
    /// <summary>Every service database has the outbox: its presence without a history means "made whole from the model before migrations".</summary>
    private const string MarkerTable = "outbox_messages";

    public static async Task AdoptIfNeededAsync(DbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        if (await history.ExistsAsync(cancellationToken))
        {
            return;
        }
        var columns = await ReadColumnsAsync(db, cancellationToken);
        if (!columns.Any(c => c.Table == MarkerTable))
        {
            return;
        }
        var assembly = db.GetService<IMigrationsAssembly>();
        var (firstId, firstType) = assembly.Migrations.First();
        var first = assembly.CreateMigration(firstType, db.Database.ProviderName!);
        var missing = first.UpOperations.OfType<CreateTableOperation>()
            .SelectMany(t => t.Columns.Select(c => (Table: t.Name, Column: c.Name)))
            .Where(c => !columns.Contains(c))
            .Select(c => $"{c.Table}.{c.Column}")
            .ToList();
        if (missing.Count > 0)
        {
            throw new DatabaseMigrationException(
                $"The {db.GetType().Name} database has tables but no migration history, and it lacks what the first migration " +
                $"({firstId}) creates: {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? ", …" : "")}. It was not made by a " +
                "HelpDesk release this version can upgrade. Restore a backup of that release, or point the service at an empty database.");
        }
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(firstId, ProductInfo.GetVersion())), cancellationToken);
        logger.LogWarning("{Context}: adopted a database created before migrations; recorded {Migration} as applied", db.GetType().Name, firstId);
    }

    private static async Task<HashSet<(string Table, string Column)>> ReadColumnsAsync(DbContext db, CancellationToken cancellationToken)
    {
        var sql = db.Database.IsNpgsql()
            ? "SELECT table_name AS \"Table\", column_name AS \"Column\" FROM information_schema.columns WHERE table_schema = current_schema()"
            : "SELECT m.name AS \"Table\", p.name AS \"Column\" FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'";
        var rows = await db.Database.SqlQueryRaw<TableColumn>(sql).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Table, r.Column)).ToHashSet();
    }

    private sealed record TableColumn(string Table, string Column);
}

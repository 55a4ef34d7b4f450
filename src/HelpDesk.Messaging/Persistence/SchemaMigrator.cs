using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HelpDesk.Messaging.Persistence;

/// <summary>Applies a service's EF Core migrations to its own database (see docs/operations.md, "Upgrading").</summary>
internal sealed class SchemaMigrator<TContext>(string database, IServiceScopeFactory scopes, ILogger<SchemaMigrator<TContext>> logger) : IServiceDatabaseMigrator
    where TContext : ServiceDbContext
{
    public string Database => database;

    public async Task<MigrationStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return await ReadStatusAsync(db, cancellationToken);
    }

    public async Task<MigrationStatus> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await CreateDatabaseIfMissingAsync(db, cancellationToken);
        await using (await MigrationLock.AcquireAsync(db, logger, cancellationToken))
        {
            if (db.Database.IsSqlite())
            {
                // WAL lets readers proceed while one writer commits (persistent in the file). A row in EF Core's own
                // SQLite lock table can only be left by a migrator that died: we hold the file lock that every one takes.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS \"__EFMigrationsLock\";", cancellationToken);
            }
            (await ReadStatusAsync(db, cancellationToken)).ThrowIfAhead();
            await LegacySchemaBaseline.AdoptIfNeededAsync(db, logger, cancellationToken);
            var before = await ReadStatusAsync(db, cancellationToken);
            if (before.Pending.Count > 0)
            {
                logger.LogInformation("{Database}: applying {Count} migration(s): {Migrations}", database, before.Pending.Count, string.Join(", ", before.Pending));
                await db.Database.MigrateAsync(cancellationToken);
            }
            var after = await ReadStatusAsync(db, cancellationToken);
            logger.LogInformation("{Database} is at migration {Migration} ({Provider})", database, after.Applied.Count > 0 ? after.Applied[^1] : "(none)", db.Database.ProviderName);
            return after;
        }
    }

    private async Task<MigrationStatus> ReadStatusAsync(TContext db, CancellationToken cancellationToken)
    {
        var known = db.GetService<IMigrationsAssembly>().Migrations.Keys.ToList();
        if (known.Count == 0)
        {
            throw new DatabaseMigrationException($"{typeof(TContext).Name} has no migrations for {db.Database.ProviderName}; add the first one (docs/contributing.md, \"Changing a model\").");
        }
        var applied = await db.Database.CanConnectAsync(cancellationToken)
            ? (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList()
            : [];
        return new MigrationStatus(database, applied, known.Except(applied).ToList(), applied.Except(known).ToList());
    }

    private static async Task CreateDatabaseIfMissingAsync(TContext db, CancellationToken cancellationToken)
    {
        // The advisory lock needs a connection to the database itself, so PostgreSQL's CREATE DATABASE comes first;
        // two replicas racing here both end up with the one database.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!db.Database.IsNpgsql() || await creator.ExistsAsync(cancellationToken))
        {
            return;
        }
        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
        }
    }
}

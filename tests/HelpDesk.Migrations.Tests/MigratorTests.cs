using HelpDesk.Messaging.Persistence;
using HelpDesk.Sla;
using HelpDesk.Sla.Infrastructure;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HelpDesk.Migrations.Tests;

/// <summary>The migrator a service runs at start: lock, adoption of pre-migration databases, refusal of newer ones.</summary>
public sealed class MigratorTests(PostgresFixture postgres)
{
    private static readonly TestedService Sla = new("sla", b => b.AddSla(), app => app.MapSla());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Dictionary<string, string?>> SettingsAsync(string provider) =>
        provider == nameof(DatabaseProvider.PostgreSql)
            ? new() { [$"ConnectionStrings:{SlaExtensions.DatabaseName}"] = await postgres.CreateDatabaseAsync("sla") }
            : [];

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("Sqlite")]
    public async Task A_service_migrates_its_empty_database_at_start_and_sqlite_runs_in_wal_mode(string provider)
    {
        await using var host = await ServiceTestHost.StartAsync(Sla, await SettingsAsync(provider));

        var (applied, known) = await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<SlaDbContext>();
            return ((await db.Database.GetAppliedMigrationsAsync(Ct)).ToList(), db.GetService<IMigrationsAssembly>().Migrations.Keys.ToList());
        });
        Assert.NotEmpty(known);
        Assert.Equal(known, applied);
        if (provider == "Sqlite")
        {
            var mode = await host.InScopeAsync(s => s.GetRequiredService<SlaDbContext>().Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(Ct));
            Assert.Equal("wal", Assert.Single(mode));
        }
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("Sqlite")]
    public async Task A_database_migrated_by_a_newer_version_is_refused_with_the_migration_named(string provider)
    {
        using var data = new TempDirectory("helpdesk-ahead");
        var settings = await SettingsAsync(provider);
        await using (var host = await ServiceTestHost.StartAsync(Sla, settings, data.Path))
        {
            await host.InScopeAsync(s => s.GetRequiredService<SlaDbContext>().Database.ExecuteSqlRawAsync(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromTheFuture', '99.0.0')", Ct));
        }

        var refusal = await Assert.ThrowsAsync<DatabaseMigrationException>(() => ServiceTestHost.StartAsync(Sla, settings, data.Path));

        Assert.Contains("sladb database is ahead of this version", refusal.Message);
        Assert.Contains("29991231000000_FromTheFuture", refusal.Message);
    }

    [Fact]
    public async Task A_migrator_waits_while_another_holds_the_advisory_lock()
    {
        var connection = await postgres.CreateDatabaseAsync("sla");
        var settings = new Dictionary<string, string?> { [$"ConnectionStrings:{SlaExtensions.DatabaseName}"] = connection };
        await using var other = new NpgsqlConnection(connection);
        await other.OpenAsync(Ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey()})", other))
        {
            await take.ExecuteScalarAsync(Ct);
        }

        var starting = ServiceTestHost.StartAsync(Sla, settings);
        // While the other migrator holds the lock, nothing is migrated: the history table does not even exist.
        await Eventually.TrueAsync(async () => await LockWaitersAsync(other) == 1, what: "the service waiting for the lock");
        Assert.False(await HistoryExistsAsync(other));
        Assert.False(starting.IsCompleted);

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey()})", other))
        {
            await release.ExecuteScalarAsync(Ct);
        }
        await using var host = await starting;
        Assert.True(await HistoryExistsAsync(other));
    }

    private static long MigrationLockKey()
    {
        // The same derivation as MigrationLock.AdvisoryKey (FNV-1a of "helpdesk-migrations:" + context name).
        var hash = 14695981039346656037UL;
        foreach (var c in "helpdesk-migrations:" + nameof(SlaDbContext))
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    private static async Task<long> LockWaitersAsync(NpgsqlConnection connection)
    {
        // The waiting migrator polls with pg_try_advisory_lock on its own connection: that is the last query it sent.
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_try_advisory_lock%'", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<bool> HistoryExistsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass('\"__EFMigrationsHistory\"') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync(Ct))!;
    }
}

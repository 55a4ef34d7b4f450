using HelpDesk.Intake;
using HelpDesk.Intake.Infrastructure;
using HelpDesk.LocalServers;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Notifications;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HelpDesk.Migrations.Tests;

/// <summary>
/// docs/operations.md, "Backup" and "Restore together", run as written: every database of a running platform (tickets
/// still being submitted) backed up together — `pg_dump --format=custom` per database, or `sqlite3 DB ".backup FILE"` —
/// restored into a fresh PostgreSQL cluster with `createdb` + `pg_restore` (or the files put back), and then: each
/// restored database is a consistent snapshot (every ticket has its TicketSubmitted outbox row, every outbox row its
/// ticket, every delivery the inbox row of the event it came from), the services' migrators and the services start on
/// it, serve every ticket acknowledged before the backup, and publish what the outbox still held.
/// </summary>
public sealed class BackupRestoreTests(PostgresFixture postgres, RabbitMqFixture rabbit) : IClassFixture<RabbitMqFixture>
{
    private const int Tickets = 5;
    private static readonly string[] Databases = [IntakeExtensions.DatabaseName, NotificationsExtensions.DatabaseName];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("Sqlite")]
    public async Task A_backup_of_a_running_platform_restores_consistent_and_the_platform_starts_on_it(string provider)
    {
        using var data = new TempDirectory("helpdesk-backup");
        var live = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var database in Databases)
        {
            live[database] = provider == nameof(DatabaseProvider.PostgreSql)
                ? await postgres.CreateDatabaseAsync(database)
                : ServiceDatabase.SqliteConnectionString(Path.Combine(data.Path, $"{database}.db"));
        }
        var liveSettings = TwoServicePlatform.Settings(await rabbit.CreateVirtualHostAsync(), live[Databases[0]], live[Databases[1]], data.Path);
        var backups = Path.Combine(data.Path, "backups");
        Directory.CreateDirectory(backups);

        var acknowledged = new List<Guid>();
        int duringBackup;
        await using (var platform = await TwoServicePlatform.StartAsync(liveSettings, data.Path))
        {
            for (var i = 0; i < Tickets; i++)
            {
                acknowledged.Add(await platform.SubmitTicketAsync(i, Ct));
            }
            await platform.WaitSettledAsync(Tickets);

            // The platform keeps working while the backup runs.
            using var stop = new CancellationTokenSource();
            var traffic = KeepSubmittingAsync(platform, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            if (provider == nameof(DatabaseProvider.PostgreSql))
            {
                await DumpAsync(live, backups);
            }
            else
            {
                await BackupSqliteAsync(live, backups);
            }
            await stop.CancelAsync();
            duringBackup = await traffic;
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{duringBackup} tickets submitted while the backup ran");

        await using var cluster = provider == nameof(DatabaseProvider.PostgreSql) ? new PostgresCluster(Path.Combine(data.Path, "restored-cluster")) : null;
        var restored = cluster is null ? RestoreSqlite(backups, data.Path) : await RestorePostgresAsync(cluster, backups);

        await AssertConsistentAsync(provider, restored, acknowledged);

        // The platform on the restored databases: migrators first (nothing to do, same version), then the services.
        var restoredData = Path.Combine(data.Path, "after-restore");
        var settings = TwoServicePlatform.Settings(await rabbit.CreateVirtualHostAsync(), restored[Databases[0]], restored[Databases[1]], restoredData);
        Assert.Equal(0, await TwoServicePlatform.MigrateAsync(TwoServicePlatform.Intake, settings, restoredData));
        Assert.Equal(0, await TwoServicePlatform.MigrateAsync(TwoServicePlatform.Notifications, settings, restoredData));
        await using var after = await TwoServicePlatform.StartAsync(settings, restoredData, verify: true);
        foreach (var id in acknowledged)
        {
            var (ticket, comments) = await after.ReadTicketAsync(id);
            Assert.Equal(id, ticket.GetProperty("id").GetGuid());
            Assert.Equal(2, comments);
        }
        // Events the outbox held at backup time are published from the restored outbox.
        await Eventually.TrueAsync(() => after.IntakeHost.InScopeAsync(async s =>
            !await s.GetRequiredService<IntakeDbContext>().OutboxMessages.AnyAsync(m => m.DispatchedAt == null, Ct)), TimeSpan.FromMinutes(2), "the restored outbox dispatched");
    }

    private static async Task<int> KeepSubmittingAsync(TwoServicePlatform platform, CancellationToken stop)
    {
        var submitted = 0;
        while (!stop.IsCancellationRequested)
        {
            await platform.SubmitTicketAsync(1000 + submitted, Ct);
            submitted++;
        }
        return submitted;
    }

    /// <summary>Backup, as documented: one `pg_dump --format=custom --no-owner` per database, all started together.</summary>
    private static async Task DumpAsync(Dictionary<string, string> live, string backups)
    {
        var dumps = live.Select(db => Run("pg_dump", "--format=custom", "--no-owner", $"--dbname={Url(db.Value)}", $"--file={Path.Combine(backups, db.Key + ".dump")}"));
        await Task.WhenAll(dumps);
    }

    /// <summary>Restore, as documented: `createdb --owner` and `pg_restore --no-owner --role` per database, into a fresh cluster.</summary>
    private static async Task<Dictionary<string, string>> RestorePostgresAsync(PostgresCluster cluster, string backups)
    {
        await cluster.StartAsync(Ct);
        var restored = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var database in Databases)
        {
            var connection = new NpgsqlConnectionStringBuilder(cluster.ConnectionString(database));
            await Run("createdb", "--host=127.0.0.1", $"--port={connection.Port}", "--username=postgres", "--owner=postgres", database);
            await Run("pg_restore", "--no-owner", "--role=postgres", $"--dbname={Url(connection.ConnectionString)}", Path.Combine(backups, database + ".dump"));
            restored[database] = connection.ConnectionString;
        }
        return restored;
    }

    /// <summary>Backup of embedded mode while it runs, as documented: `sqlite3 DB ".backup FILE"` per database.</summary>
    private static Task BackupSqliteAsync(Dictionary<string, string> live, string backups) =>
        Task.WhenAll(live.Select(db => Run("sqlite3", new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Value).DataSource, $".backup {Path.Combine(backups, db.Key + ".db")}")));

    /// <summary>The backup files put back as the databases of a new data directory.</summary>
    private static Dictionary<string, string> RestoreSqlite(string backups, string dataDirectory)
    {
        var directory = Path.Combine(dataDirectory, "restored");
        Directory.CreateDirectory(directory);
        return Databases.ToDictionary(db => db, db =>
        {
            var file = Path.Combine(directory, db + ".db");
            File.Copy(Path.Combine(backups, db + ".db"), file);
            return ServiceDatabase.SqliteConnectionString(file);
        }, StringComparer.Ordinal);
    }

    /// <summary>
    /// What a torn copy would break: a ticket without the event written in its transaction, an event without its
    /// ticket, a delivery without the inbox row of the message it was planned from. And nothing acknowledged is missing.
    /// </summary>
    private static async Task AssertConsistentAsync(string provider, Dictionary<string, string> restored, List<Guid> acknowledged)
    {
        await using (var intake = (IntakeDbContext)ServiceDatabases.Factories[IntakeExtensions.DatabaseName](["--provider", provider, "--connection", restored[IntakeExtensions.DatabaseName]]))
        {
            var tickets = await intake.Tickets.Select(t => t.Id).ToListAsync(Ct);
            Assert.All(acknowledged, id => Assert.Contains(id, tickets));
            var submitted = await intake.OutboxMessages.Where(m => m.MessageType.Contains("TicketSubmitted")).Select(m => m.TicketId).ToListAsync(Ct);
            Assert.Equal(tickets.Order(), submitted.Select(id => id!.Value).Order());
            var orphans = await intake.OutboxMessages.Where(m => m.TicketId != null && !intake.Tickets.Any(t => t.Id == m.TicketId)).CountAsync(Ct);
            Assert.Equal(0, orphans);
        }
        await using var notifications = (NotificationsDbContext)ServiceDatabases.Factories[NotificationsExtensions.DatabaseName](["--provider", provider, "--connection", restored[NotificationsExtensions.DatabaseName]]);
        var deliveries = await notifications.Deliveries.Select(d => d.EventMessageId).Distinct().ToListAsync(Ct);
        var inbox = await notifications.InboxMessages.Select(m => m.MessageId).ToListAsync(Ct);
        Assert.True(deliveries.Count >= Tickets, $"{deliveries.Count} notified events restored");
        Assert.All(deliveries, id => Assert.Contains(id, inbox));
    }

    private static string Url(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static async Task Run(string tool, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(tool, arguments, timeout: TimeSpan.FromMinutes(3), cancellationToken: Ct);
        Assert.True(result.Succeeded, $"{tool} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Output}");
    }
}

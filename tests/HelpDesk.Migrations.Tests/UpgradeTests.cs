using System.Data.Common;
using System.Net.Http.Json;
using HelpDesk.Intake;
using HelpDesk.Intake.Infrastructure;
using HelpDesk.Messaging;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Notifications;
using HelpDesk.Notifications.Domain;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpDesk.Migrations.Tests;

/// <summary>
/// Upgrading a platform with data from the previous release to this one: intake and notifications run on one RabbitMQ
/// and fill their databases through their APIs and the bus (tickets, comments, outbox rows, inbox rows, deliveries,
/// attempts); the databases are brought back to the previous release (proven: same schema as the previous release's
/// migrations build); the services' own migrator (`migrate`) applies this release's migrations; every row is still
/// there, byte for byte, the services start in Verify mode and serve every row, and the new index serves the delivery log.
/// </summary>
public sealed class UpgradeTests(PostgresFixture postgres, RabbitMqFixture rabbit) : IClassFixture<RabbitMqFixture>
{
    /// <summary>Migrations from here on belong to this release (the first is Notifications' DeliveryLogIndex); earlier ones to the previous.</summary>
    private const string ReleaseCut = "20261129040500";

    private const string DeliveryLogIndex = "IX_notifications_deliveries_CreatedAt_Id";
    private const int Tickets = 6;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("Sqlite")]
    public async Task Every_row_survives_the_upgrade_and_the_new_index_serves_the_delivery_log(string provider)
    {
        using var data = new TempDirectory("helpdesk-upgrade");
        var intakeDb = await NewDatabaseAsync(provider, data, IntakeExtensions.DatabaseName);
        var notificationsDb = await NewDatabaseAsync(provider, data, NotificationsExtensions.DatabaseName);
        var settings = TwoServicePlatform.Settings(await rabbit.CreateVirtualHostAsync(), intakeDb, notificationsDb, data.Path);

        var ticketIds = new List<Guid>();
        await using (var platform = await TwoServicePlatform.StartAsync(settings, data.Path))
        {
            for (var i = 0; i < Tickets; i++)
            {
                ticketIds.Add(await platform.SubmitTicketAsync(i, Ct));
            }
            await platform.WaitSettledAsync(Tickets);
        }
        await BringBackToPreviousReleaseAsync(provider, data, IntakeExtensions.DatabaseName, intakeDb);
        await BringBackToPreviousReleaseAsync(provider, data, NotificationsExtensions.DatabaseName, notificationsDb);

        TableRows intakeBefore, notificationsBefore;
        await using (var db = Context(IntakeExtensions.DatabaseName, provider, intakeDb))
        {
            intakeBefore = await TableRows.ReadAsync(db);
        }
        await using (var db = Context(NotificationsExtensions.DatabaseName, provider, notificationsDb))
        {
            notificationsBefore = await TableRows.ReadAsync(db);
            Assert.DoesNotContain(DeliveryLogIndex, string.Join('\n', await ExplainDeliveryLogAsync(db)));
        }
        // What the upgrade has to carry: the previous release's data of every kind.
        Assert.Equal(Tickets, intakeBefore.Count("tickets"));
        Assert.Equal(Tickets * 2, intakeBefore.Count("ticket_comments"));
        Assert.True(intakeBefore.Count("outbox_messages") >= Tickets * 3, "intake outbox rows");
        Assert.True(notificationsBefore.Count("inbox_messages") >= Tickets, "notifications inbox rows");
        Assert.True(notificationsBefore.Count("notifications_deliveries") >= Tickets, "deliveries");
        Assert.True(notificationsBefore.Count("notifications_delivery_attempts") >= Tickets, "delivery attempts");

        // The upgrade: each service's own migrator, as the AppHost and the Kubernetes Job run it.
        Assert.Equal(0, await TwoServicePlatform.MigrateAsync(TwoServicePlatform.Intake, settings, data.Path));
        Assert.Equal(0, await TwoServicePlatform.MigrateAsync(TwoServicePlatform.Notifications, settings, data.Path));

        await using (var db = Context(IntakeExtensions.DatabaseName, provider, intakeDb))
        {
            Assert.Equal(Known(db), await db.Database.GetAppliedMigrationsAsync(Ct));
            Assert.Equal(intakeBefore.Rows, (await TableRows.ReadAsync(db, intakeBefore)).Rows);
        }
        await using (var db = Context(NotificationsExtensions.DatabaseName, provider, notificationsDb))
        {
            Assert.Equal(Known(db), await db.Database.GetAppliedMigrationsAsync(Ct));
            Assert.Contains(Known(db), id => string.CompareOrdinal(id, ReleaseCut) > 0);
            Assert.Equal(notificationsBefore.Rows, (await TableRows.ReadAsync(db, notificationsBefore)).Rows);
            Assert.Contains(DeliveryLogIndex, string.Join('\n', await ExplainDeliveryLogAsync(db)));
        }

        // Both services again, in Verify mode (they only check the schema): every ticket, comment and delivery is served.
        await using var upgraded = await TwoServicePlatform.StartAsync(settings, data.Path, verify: true);
        foreach (var id in ticketIds)
        {
            var (ticket, comments) = await upgraded.ReadTicketAsync(id);
            Assert.Equal(id, ticket.GetProperty("id").GetGuid());
            Assert.Equal(2, comments);
        }
        var log = await upgraded.NotificationsHost.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/notifications/deliveries?limit=500", Ct);
        Assert.Equal(notificationsBefore.Count("notifications_deliveries"), log.GetArrayLength());
        Assert.Equal(ticketIds.Order(), log.EnumerateArray().Select(d => d.GetProperty("ticketId").GetGuid()).Distinct().Order());
    }

    /// <summary>
    /// Undoes this release's migrations on a database, then shows it is exactly what the previous release's migrations
    /// build on an empty database: the data of a previous-release installation, in the previous release's schema.
    /// </summary>
    private async Task BringBackToPreviousReleaseAsync(string provider, TempDirectory data, string database, string connection)
    {
        await using var db = Context(database, provider, connection);
        var previous = PreviousRelease(db);
        await db.GetService<IMigrator>().MigrateAsync(previous, Ct);
        Assert.Equal(previous, (await db.Database.GetAppliedMigrationsAsync(Ct)).Last());

        await using var fresh = Context(database, provider, await NewDatabaseAsync(provider, data, database));
        await fresh.GetService<IMigrator>().MigrateAsync(previous, Ct);
        Assert.Equal(await SchemaDump.ReadAsync(fresh), await SchemaDump.ReadAsync(db));
    }

    /// <summary>The plan of the delivery log's query (GET /deliveries without filters: newest first, a page of 100).</summary>
    private static async Task<List<string>> ExplainDeliveryLogAsync(DbContext db)
    {
        const string Query = """SELECT * FROM notifications_deliveries ORDER BY "CreatedAt" DESC, "Id" DESC LIMIT 100""";
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        try
        {
            if (db.Database.IsNpgsql())
            {
                // A test table holds a few dozen rows, where a sequential scan and a sort cost less than any index; forbid
                // the scan to see whether an index can serve the order at all (it cannot before the upgrade).
                await Execute(connection, "SET enable_seqscan = off");
                return await Execute(connection, "EXPLAIN " + Query);
            }
            return await Execute(connection, "EXPLAIN QUERY PLAN " + Query, column: 3);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> Execute(DbConnection connection, string sql, int column = 0)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        return lines;
    }

    private static string PreviousRelease(DbContext db) =>
        Known(db).Last(id => string.CompareOrdinal(id, ReleaseCut) < 0);

    private static List<string> Known(DbContext db) => [.. db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal)];

    private static ServiceDbContext Context(string database, string provider, string connection) =>
        ServiceDatabases.Factories[database](["--provider", provider, "--connection", connection]);

    private async Task<string> NewDatabaseAsync(string provider, TempDirectory data, string database) =>
        provider == nameof(DatabaseProvider.PostgreSql)
            ? await postgres.CreateDatabaseAsync(database)
            : ServiceDatabase.SqliteConnectionString(Path.Combine(data.Path, $"{database}-{Guid.NewGuid():N}.db"));

}

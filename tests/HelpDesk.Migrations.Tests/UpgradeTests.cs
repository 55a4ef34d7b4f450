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

    private static readonly TestedService Intake = new("intake", b => b.AddIntake(), app => app.MapIntake());
    private static readonly TestedService Notifications = new("notifications", b => b.AddNotifications(), app => app.MapNotifications());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("Sqlite")]
    public async Task Every_row_survives_the_upgrade_and_the_new_index_serves_the_delivery_log(string provider)
    {
        using var data = new TempDirectory("helpdesk-upgrade");
        var intakeDb = await NewDatabaseAsync(provider, data, IntakeExtensions.DatabaseName);
        var notificationsDb = await NewDatabaseAsync(provider, data, NotificationsExtensions.DatabaseName);
        var settings = await SettingsAsync(data, intakeDb, notificationsDb);

        var ticketIds = await FillThroughTheServicesAsync(settings, data);
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
        Assert.Equal(0, await MigrateAsync(Intake, settings, Path.Combine(data.Path, "intake")));
        Assert.Equal(0, await MigrateAsync(Notifications, settings, Path.Combine(data.Path, "notifications")));

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

        await ReadBackThroughTheServicesAsync(settings, data, ticketIds, notificationsBefore.Count("notifications_deliveries"));
    }

    /// <summary>Tickets with comments through intake's API; their events over RabbitMQ to notifications, which delivers e-mails.</summary>
    private static async Task<List<Guid>> FillThroughTheServicesAsync(Dictionary<string, string?> settings, TempDirectory data)
    {
        await using var intake = await ServiceTestHost.StartAsync(Intake, settings, Path.Combine(data.Path, "intake"));
        await using var notifications = await ServiceTestHost.StartAsync(Notifications, settings, Path.Combine(data.Path, "notifications"));
        var ids = new List<Guid>();
        for (var i = 0; i < Tickets; i++)
        {
            var body = new { subject = $"VPN drops every hour ({i})", description = "Since this morning the VPN disconnects every hour.", requester = new { email = $"requester{i}@example.org", name = $"Requester {i}" } };
            var created = await intake.Client.PostAsJsonAsync("/api/v1/tickets", body, TestJson.Options, Ct);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetGuid();
            ids.Add(id);
            (await intake.Client.PostAsJsonAsync($"/api/v1/tickets/{id}/comments", new { body = "Which VPN client version do you use?", authorKind = "Agent", isPublic = true }, Ct)).EnsureSuccessStatusCode();
            (await intake.Client.PostAsJsonAsync($"/api/v1/tickets/{id}/comments", new { body = "Checked the tunnel logs: keepalive timeouts.", authorKind = "Agent", isPublic = false }, Ct)).EnsureSuccessStatusCode();
        }

        // Everything intake wrote is published, and notifications has handled it and delivered (to the pickup directory).
        await Eventually.TrueAsync(() => intake.InScopeAsync(async s =>
            !await s.GetRequiredService<IntakeDbContext>().OutboxMessages.AnyAsync(m => m.DispatchedAt == null, Ct)), what: "intake's outbox dispatched");
        await Eventually.TrueAsync(() => notifications.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<NotificationsDbContext>();
            return await db.Deliveries.Select(d => d.TicketId).Distinct().CountAsync(Ct) == Tickets
                && !await db.Deliveries.AnyAsync(d => d.Status == DeliveryStatus.Pending, Ct);
        }), TimeSpan.FromMinutes(2), "every ticket notified and every delivery settled");
        return ids;
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

    /// <summary>Both services again, in Verify mode (they only check the schema): every ticket, comment and delivery is served.</summary>
    private static async Task ReadBackThroughTheServicesAsync(Dictionary<string, string?> settings, TempDirectory data, List<Guid> ticketIds, int deliveries)
    {
        var verify = new Dictionary<string, string?>(settings) { ["HelpDesk:Database:Migrations"] = nameof(MigrationMode.Verify) };
        await using var intake = await ServiceTestHost.StartAsync(Intake, verify, Path.Combine(data.Path, "intake"));
        await using var notifications = await ServiceTestHost.StartAsync(Notifications, verify, Path.Combine(data.Path, "notifications"));
        foreach (var id in ticketIds)
        {
            var ticket = await intake.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/tickets/{id}", Ct);
            Assert.Equal(id, ticket.GetProperty("id").GetGuid());
            var comments = await intake.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/tickets/{id}/comments?includeInternal=true", Ct);
            Assert.Equal(2, (comments.ValueKind == System.Text.Json.JsonValueKind.Array ? comments : comments.GetProperty("items")).GetArrayLength());
        }
        var log = await notifications.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/notifications/deliveries?limit=500", Ct);
        Assert.Equal(deliveries, log.GetArrayLength());
        Assert.Equal(ticketIds.Order(), log.EnumerateArray().Select(d => d.GetProperty("ticketId").GetGuid()).Distinct().Order());
    }

    /// <summary>`dotnet HelpDesk.X.dll migrate`: the service's host built as its Program.cs builds it, then the migrate verb.</summary>
    private static async Task<int> MigrateAsync(TestedService service, Dictionary<string, string?> settings, string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration[PersistenceExtensions.DataDirectoryKey] = dataDirectory;
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }
        builder.AddServiceDefaults();
        service.Add(builder);
        builder.AddHelpDeskBus();
        await using var app = builder.Build();
        return await MigrateCommand.RunAsync(app, Ct);
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

    private async Task<Dictionary<string, string?>> SettingsAsync(TempDirectory data, string intakeDb, string notificationsDb) => new()
    {
        [$"ConnectionStrings:{MessagingExtensions.ConnectionName}"] = await rabbit.CreateVirtualHostAsync(),
        [$"ConnectionStrings:{IntakeExtensions.DatabaseName}"] = intakeDb,
        [$"ConnectionStrings:{NotificationsExtensions.DatabaseName}"] = notificationsDb,
        ["Notifications:Email:PickupDirectory"] = Path.Combine(data.Path, "mail"),
        ["Notifications:Email:From"] = "desk@helpdesk.test",
        ["Notifications:Delivery:PollInterval"] = "00:00:00.100",
    };
}

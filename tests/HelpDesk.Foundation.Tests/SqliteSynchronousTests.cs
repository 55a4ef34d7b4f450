using HelpDesk.Messaging.Persistence;
using HelpDesk.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpDesk.Foundation.Tests;

/// <summary>
/// The embedded mode's commit sync as the service's own connections have it: FULL unless configured, NORMAL on every
/// connection (fresh or from the pool) when configured, and an unknown value refused at start.
/// </summary>
public sealed class SqliteSynchronousTests
{
    [Theory]
    [InlineData(null, 2)]
    [InlineData("Full", 2)]
    [InlineData("Normal", 1)]
    public async Task Each_connection_of_the_service_commits_with_the_configured_sync(string? setting, long expected)
    {
        using var data = new TempDirectory("helpdesk-sqlite-sync-test");
        using var host = Build(data.Path, setting);
        var ct = TestContext.Current.CancellationToken;
        await host.Services.GetRequiredService<IServiceDatabaseMigrator>().MigrateAsync(ct);

        // Three leases holding their connections open take three handles; the second round takes them from the pool.
        var seen = new List<long>();
        for (var round = 0; round < 2; round++)
        {
            var scopes = Enumerable.Range(0, 3).Select(_ => host.Services.CreateAsyncScope()).ToList();
            foreach (var scope in scopes)
            {
                var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
                await db.Database.OpenConnectionAsync(ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                db.Entries.Add(new LedgerEntry { EventId = Guid.NewGuid(), Number = seen.Count });
                await db.SaveChangesAsync(ct);
                seen.Add(await SynchronousAsync(db, ct));
                await transaction.CommitAsync(ct);
            }
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }

        Assert.Equal(Enumerable.Repeat(expected, 6), seen);
        await using var check = host.Services.CreateAsyncScope();
        Assert.Equal(6, await check.ServiceProvider.GetRequiredService<LedgerDbContext>().Entries.CountAsync(ct));
    }

    [Fact]
    public void An_unknown_setting_is_refused_at_start()
    {
        using var data = new TempDirectory("helpdesk-sqlite-sync-test");
        var refused = Assert.ThrowsAny<InvalidOperationException>(() => Build(data.Path, "Off"));
        Assert.Contains(ServiceDatabase.SqliteSynchronousKey, refused.Message);
    }

    /// <summary>PRAGMA synchronous on the context's open connection: 2 = FULL, 1 = NORMAL.</summary>
    private static async Task<long> SynchronousAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        command.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static IHost Build(string dataDirectory, string? setting)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration[PersistenceExtensions.DataDirectoryKey] = dataDirectory;
        builder.Configuration[ServiceDatabase.SqliteSynchronousKey] = setting;
        builder.AddServiceDatabase<LedgerDbContext>(LedgerUnderTest.DatabaseName);
        return builder.Build();
    }
}

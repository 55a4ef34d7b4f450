using HelpDesk.Messaging.Persistence;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpDesk.Foundation.Tests;

/// <summary>
/// A statement a service runs again and again on one PostgreSQL connection is prepared there (parsed and planned once),
/// as the server's own list of the session's prepared statements shows; turned off with 0; a value Npgsql cannot keep is
/// refused at start.
/// </summary>
public sealed class PostgreSqlStatementPreparationTests(PostgresFixture postgres)
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("0", false)]
    public async Task A_statement_the_service_repeats_is_prepared_on_its_connection_unless_turned_off(string? setting, bool prepared)
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = Build(await postgres.CreateDatabaseAsync("prepare"), setting);
        await host.Services.GetRequiredService<IServiceDatabaseMigrator>().MigrateAsync(ct);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        await db.Database.OpenConnectionAsync(ct);

        for (var number = 0; number < 6; number++)
        {
            Assert.Equal(0, await db.Entries.CountAsync(e => e.Number == number, ct));
        }

        var statements = await db.Database.SqlQueryRaw<string>("""SELECT statement AS "Value" FROM pg_prepared_statements""").ToListAsync(ct);
        Assert.Equal(prepared, statements.Any(s => s.Contains("ledger_entries", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("257")]
    public void A_limit_npgsql_cannot_keep_is_refused_at_start(string setting)
    {
        var refused = Assert.ThrowsAny<InvalidOperationException>(() => Build("Host=127.0.0.1;Database=unused;Username=unused", setting));
        Assert.Contains(ServiceDatabase.MaxAutoPrepareKey, refused.Message);
    }

    [Fact]
    public void A_value_in_the_connection_string_wins()
    {
        var connectionString = ServiceDatabase.WithAutoPrepare("Host=db;Max Auto Prepare=7", 100);
        Assert.Contains("Max Auto Prepare=7", connectionString);
        Assert.DoesNotContain("100", connectionString);
    }

    private static IHost Build(string connectionString, string? setting)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration[$"ConnectionStrings:{LedgerUnderTest.DatabaseName}"] = connectionString;
        builder.Configuration[ServiceDatabase.MaxAutoPrepareKey] = setting;
        builder.AddServiceDatabase<LedgerDbContext>(LedgerUnderTest.DatabaseName);
        return builder.Build();
    }
}

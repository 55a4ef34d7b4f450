using HelpDesk.Testing.Infrastructure;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>
/// The analytics reports on PostgreSQL, the production database (the other KB tests use SQLite): grouping, counting
/// and time ranges are translated to SQL per provider, so both are run.
/// </summary>
public sealed class SearchAnalyticsPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Search_reports_on_postgresql()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service, Settings());
        await SearchAnalyticsTests.SearchReportsScenarioAsync(host);
    }

    [Fact]
    public async Task Deflection_on_postgresql()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service, Settings());
        await SearchAnalyticsTests.DeflectionScenarioAsync(host);
    }

    private Dictionary<string, string?> Settings() => new() { ["ConnectionStrings:kbdb"] = postgres.NewDatabaseConnectionString("kb") };
}

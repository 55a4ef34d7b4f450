using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Migrations.Tests;

/// <summary>The migrations of every service, on both providers, describe exactly the model the code uses.</summary>
public sealed class SchemaTests(PostgresFixture postgres) : IDisposable
{
    private readonly TempDirectory _directory = new("helpdesk-schema");

    [Theory]
    [MemberData(nameof(ServiceDatabases.All), MemberType = typeof(ServiceDatabases))]
    public async Task Every_model_change_has_its_migration(string database, string provider)
    {
        await using var db = await ServiceDatabases.NewAsync(database, provider, postgres, _directory);

        // What `dotnet ef migrations has-pending-model-changes` checks: the model against the provider's last snapshot.
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {db.GetType().Name} model has changes without a {provider} migration: run scripts/add-migration.sh (docs/contributing.md, \"Changing a model\").");
    }

    [Theory]
    [MemberData(nameof(ServiceDatabases.All), MemberType = typeof(ServiceDatabases))]
    public async Task Migrations_build_exactly_the_schema_EnsureCreated_builds_from_the_model(string database, string provider)
    {
        await using var created = await ServiceDatabases.NewAsync(database, provider, postgres, _directory);
        await using var migrated = await ServiceDatabases.NewAsync(database, provider, postgres, _directory);

        await created.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        await migrated.Database.MigrateAsync(TestContext.Current.CancellationToken);

        var expected = await SchemaDump.ReadAsync(created);
        var actual = await SchemaDump.ReadAsync(migrated);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    public void Dispose() => _directory.Dispose();
}

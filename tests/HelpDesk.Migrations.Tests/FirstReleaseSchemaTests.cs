using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HelpDesk.Migrations.Tests;

/// <summary>
/// The first migration of every service reproduces, on both providers, exactly the schema that the last release
/// before migrations created with <c>EnsureCreated</c>: its dump was recorded from EnsureCreated when the first
/// migrations were made (FirstRelease/*.schema.txt), so databases of that release can be adopted and upgraded.
/// </summary>
public sealed class FirstReleaseSchemaTests(PostgresFixture postgres) : IDisposable
{
    private readonly TempDirectory _directory = new("helpdesk-first-release");

    [Theory]
    [MemberData(nameof(ServiceDatabases.All), MemberType = typeof(ServiceDatabases))]
    public async Task The_first_migration_builds_the_schema_the_first_release_built_with_EnsureCreated(string database, string provider)
    {
        await using var db = await ServiceDatabases.NewAsync(database, provider, postgres, _directory);
        var file = Path.Combine(AppContext.BaseDirectory, "FirstRelease", $"{database}.{provider}.schema.txt");
        if (Environment.GetEnvironmentVariable("HELPDESK_RECORD_FIRST_RELEASE") == "1")
        {
            // Only ever run when the first migrations were made: record what EnsureCreated built from that model.
            await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
            var source = Path.Combine(ProjectDirectory(), "FirstRelease", Path.GetFileName(file));
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            await File.WriteAllLinesAsync(source, await SchemaDump.ReadAsync(db), TestContext.Current.CancellationToken);
            Assert.Fail($"Recorded {source}; run again without HELPDESK_RECORD_FIRST_RELEASE.");
        }

        var first = db.GetService<IMigrationsAssembly>().Migrations.Keys.First();
        await db.GetService<IMigrator>().MigrateAsync(first, TestContext.Current.CancellationToken);

        Assert.Equal(SchemaDump.Normalize(await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken)), await SchemaDump.ReadAsync(db));
    }

    private static string ProjectDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    public void Dispose() => _directory.Dispose();
}

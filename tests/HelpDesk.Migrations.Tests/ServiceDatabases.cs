using HelpDesk.Identity.Infrastructure;
using HelpDesk.Intake.Infrastructure;
using HelpDesk.KnowledgeBase.Infrastructure;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Sla.Infrastructure;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using Microsoft.EntityFrameworkCore.Design;

namespace HelpDesk.Migrations.Tests;

/// <summary>Every service database, built the way the EF Core tools build it (the design-time factories).</summary>
public static class ServiceDatabases
{
    public static readonly IReadOnlyDictionary<string, Func<string[], ServiceDbContext>> Factories = new Dictionary<string, Func<string[], ServiceDbContext>>
    {
        ["intakedb"] = args => new IntakeDbContextFactory().CreateDbContext(args),
        ["routingdb"] = args => new RoutingDbContextFactory().CreateDbContext(args),
        ["kbdb"] = args => new KnowledgeBaseDbContextFactory().CreateDbContext(args),
        ["sladb"] = args => new SlaDbContextFactory().CreateDbContext(args),
        ["notificationsdb"] = args => new NotificationsDbContextFactory().CreateDbContext(args),
        ["identitydb"] = args => new IdentityServiceDbContextFactory().CreateDbContext(args),
    };

    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var database in Factories.Keys)
        {
            data.Add(database, nameof(DatabaseProvider.PostgreSql));
            data.Add(database, nameof(DatabaseProvider.Sqlite));
        }
        return data;
    }

    /// <summary>A context of <paramref name="database"/> on a new, empty database of <paramref name="provider"/>.</summary>
    public static async Task<ServiceDbContext> NewAsync(string database, string provider, PostgresFixture postgres, TempDirectory directory)
    {
        var connection = provider == nameof(DatabaseProvider.PostgreSql)
            ? await postgres.CreateDatabaseAsync(database)
            : ServiceDatabase.SqliteConnectionString(Path.Combine(directory.Path, $"{database}-{Guid.NewGuid():N}.db"));
        return Factories[database](["--provider", provider, "--connection", connection]);
    }
}

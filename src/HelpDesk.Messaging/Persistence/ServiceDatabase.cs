using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HelpDesk.Messaging.Persistence;

/// <summary>How every service's DbContext is configured, at run time and for the EF Core tools alike.</summary>
public static class ServiceDatabase
{
    public const string PostgreSqlFolder = "PostgreSql";
    public const string SqliteFolder = "Sqlite";

    /// <summary>SQLite connection string of a service database file (60 s busy timeout: writers queue instead of failing).</summary>
    public static string SqliteConnectionString(string file) => $"Data Source={file};Pooling=True;Default Timeout=60";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(0));
        }
        else
        {
            options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(60));
        }
        // Two migration sets live in one assembly; pick the provider's.
        return options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
    }

    /// <summary>The folder (and namespace suffix) under <c>Infrastructure/Migrations</c> holding a provider's migrations.</summary>
    public static string MigrationsFolder(string providerName) => providerName switch
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL" => PostgreSqlFolder,
        "Microsoft.EntityFrameworkCore.Sqlite" => SqliteFolder,
        _ => throw new NotSupportedException($"HelpDesk has no migrations for the EF Core provider {providerName}."),
    };
}

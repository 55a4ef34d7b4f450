using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Messaging.Persistence;

/// <summary>How every service's DbContext is configured, at run time and for the EF Core tools alike.</summary>
public static class ServiceDatabase
{
    public const string PostgreSqlFolder = "PostgreSql";
    public const string SqliteFolder = "Sqlite";

    /// <summary>SQLite connection string of a service database file (60 s busy timeout: writers queue instead of failing).</summary>
    public static string SqliteConnectionString(string file) => $"Data Source={file};Pooling=True;Default Timeout=60";

    /// <summary>Configuration key of the per-process PostgreSQL connection limit (used when the connection string sets none).</summary>
    public const string MaxPoolSizeKey = "HelpDesk:Database:MaxPoolSize";

    public const int DefaultMaxPoolSize = 20;

    /// <summary>Configuration key of the embedded mode's commit sync (<see cref="SqliteSynchronous"/>; Full unless set).</summary>
    public const string SqliteSynchronousKey = "HelpDesk:Database:SqliteSynchronous";

    /// <summary>Configuration key of how many statements each PostgreSQL connection keeps prepared (Npgsql's <c>Max Auto Prepare</c>).</summary>
    public const string MaxAutoPrepareKey = "HelpDesk:Database:MaxAutoPrepare";

    public const int DefaultMaxAutoPrepare = 100;

    /// <summary>
    /// Npgsql's default pool (100 per connection string) lets one busy service take most of a server's connections:
    /// seven services and their consumers ran a 200-connection server out ("53300 too many clients") at 10 tickets/s.
    /// A smaller pool makes a burst wait for a connection instead of failing. A size in the connection string wins.
    /// </summary>
    public static string WithPoolLimit(string connectionString, int maxPoolSize) =>
        WithDefault(connectionString, ["maximumpoolsize", "maxpoolsize"], "Maximum Pool Size", maxPoolSize);

    /// <summary>
    /// EF sends the same few dozen statements over and over (the inbox row, the outbox claim, a ticket by id); without
    /// preparation PostgreSQL parses and plans every one each time. Npgsql prepares a statement on a connection once it
    /// has run there <c>Auto Prepare Min Usages</c> times (5) and keeps the most used <paramref name="maxAutoPrepare"/>;
    /// 0 turns it off. A value in the connection string wins.
    /// </summary>
    public static string WithAutoPrepare(string connectionString, int maxAutoPrepare) =>
        WithDefault(connectionString, ["maxautoprepare"], "Max Auto Prepare", maxAutoPrepare);

    private static string WithDefault(string connectionString, string[] aliases, string key, int value)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = builder.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant());
        if (keys.Any(aliases.Contains))
        {
            return connectionString;
        }
        builder[key] = value.ToString(CultureInfo.InvariantCulture);
        return builder.ConnectionString;
    }

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
        // Every exception EF raises reaches its caller, which handles or logs it (a lost write race is retried, a
        // consumer's fault is logged by the bus, a request's by the exception handler). EF's own error log of the same
        // failure doubled each one and made the expected races of two events of one ticket (hundreds a minute on
        // PostgreSQL under load, all retried) look like failures in the operators' logs.
        options.ConfigureWarnings(warnings => warnings.Log(
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (RelationalEventId.CommandError, LogLevel.Debug)));
        // Two migration sets live in one assembly; pick the provider's.
        return options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
    }

    /// <summary>
    /// A DateTimeOffset as raw SQL must pass it: UTC ticks on SQLite (what ServiceDbContext's converter stores, which
    /// raw SQL does not apply), the value itself on PostgreSQL.
    /// </summary>
    public static object TimeParameter(this DatabaseFacade database, DateTimeOffset value) => database.IsSqlite() ? value.UtcTicks : value;

    /// <summary>The folder (and namespace suffix) under <c>Infrastructure/Migrations</c> holding a provider's migrations.</summary>
    public static string MigrationsFolder(string providerName) => providerName switch
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL" => PostgreSqlFolder,
        "Microsoft.EntityFrameworkCore.Sqlite" => SqliteFolder,
        _ => throw new NotSupportedException($"HelpDesk has no migrations for the EF Core provider {providerName}."),
    };
}

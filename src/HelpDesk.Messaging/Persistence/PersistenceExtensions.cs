using HelpDesk.Messaging.Outbox;
using HelpDesk.Messaging.Topology;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace HelpDesk.Messaging.Persistence;

public static class PersistenceExtensions
{
    /// <summary>Where embedded mode keeps its SQLite files (and other services their local state, e.g. search indexes).</summary>
    public const string DataDirectoryKey = "HelpDesk:DataDirectory";

    /// <summary>
    /// Registers the service's own database, its outbox dispatcher and a readiness check.
    /// <c>ConnectionStrings:{connectionName}</c> picks the provider: a PostgreSQL connection string
    /// (Host=…) in distributed mode, otherwise a SQLite file under the data directory.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : ServiceDbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        var provider = DetectProvider(connectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var file = Path.Combine(GetDataDirectory(builder.Configuration), connectionName + ".db");
            // Default Timeout: a writer waits (busy retry) up to 60 s for the lock instead of failing "database is locked".
            connectionString = $"Data Source={file};Pooling=True;Default Timeout=60";
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("HelpDesk:Outbox");
        builder.Services.AddSingleton<OutboxSignal<TContext>>();
        // Open unless AddHelpDeskBus replaces it (RabbitMQ: open once the platform's queues are declared).
        builder.Services.TryAddSingleton(new PlatformTopologyGate(required: false));
        builder.Services.AddSingleton<OutboxSignalInterceptor<TContext>>();
        builder.Services.AddDbContext<TContext>((services, options) =>
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(0));
            }
            else
            {
                options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(60));
            }
            options.AddInterceptors(services.GetRequiredService<OutboxSignalInterceptor<TContext>>());
        });

        // Schema first, then the dispatcher: hosted services start in registration order.
        builder.Services.AddHostedService<SchemaBootstrapper<TContext>>();
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>(
            $"database-{connectionName}", HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    public static DatabaseProvider DetectProvider(string? connectionString) =>
        connectionString is not null &&
        (connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            ? DatabaseProvider.PostgreSql
            : DatabaseProvider.Sqlite;

    public static string GetDataDirectory(IConfiguration configuration)
    {
        var directory = configuration[DataDirectoryKey];
        if (string.IsNullOrWhiteSpace(directory))
        {
            directory = Path.Combine(Directory.GetCurrentDirectory(), ".helpdesk-data");
        }
        Directory.CreateDirectory(directory);
        return Path.GetFullPath(directory);
    }
}

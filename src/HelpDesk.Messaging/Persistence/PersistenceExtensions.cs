using HelpDesk.Messaging.Outbox;
using HelpDesk.Messaging.Topology;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpDesk.Messaging.Persistence;

public static class PersistenceExtensions
{
    /// <summary>Where embedded mode keeps its SQLite files (and other services their local state, e.g. search indexes).</summary>
    public const string DataDirectoryKey = "HelpDesk:DataDirectory";

    /// <summary>The connection string with this process's pool limit and statement preparation, unless it sets its own.</summary>
    private static string PostgreSqlConnectionString(IConfiguration configuration, string connectionString)
    {
        var poolSize = configuration.GetValue<int?>(ServiceDatabase.MaxPoolSizeKey) ?? ServiceDatabase.DefaultMaxPoolSize;
        if (poolSize < 1)
        {
            throw new InvalidOperationException($"{ServiceDatabase.MaxPoolSizeKey} must be at least 1.");
        }
        var autoPrepare = configuration.GetValue<int?>(ServiceDatabase.MaxAutoPrepareKey) ?? ServiceDatabase.DefaultMaxAutoPrepare;
        if (autoPrepare is < 0 or > 256)
        {
            throw new InvalidOperationException($"{ServiceDatabase.MaxAutoPrepareKey} must be between 0 (off) and 256.");
        }
        return ServiceDatabase.WithAutoPrepare(ServiceDatabase.WithPoolLimit(connectionString, poolSize), autoPrepare);
    }

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
            connectionString = ServiceDatabase.SqliteConnectionString(file);
        }
        else if (provider == DatabaseProvider.PostgreSql)
        {
            connectionString = PostgreSqlConnectionString(builder.Configuration, connectionString);
        }

        var synchronous = builder.Configuration.GetValue(ServiceDatabase.SqliteSynchronousKey, SqliteSynchronous.Full);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("HelpDesk:Outbox").ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());
        builder.Services.AddSingleton<OutboxSignal<TContext>>();
        // Open unless AddHelpDeskBus replaces it (RabbitMQ: open once the platform's queues are declared).
        builder.Services.TryAddSingleton(new PlatformTopologyGate(required: false));
        builder.Services.AddSingleton<OutboxSignalInterceptor<TContext>>();
        // Pooled: a consumer or request takes a context whose EF services (state manager, connection, model lookup) are
        // built already; EF resets its own state (change tracker, transaction and savepoint settings) when the scope
        // returns it, and the lease below clears the context type's own (ServiceDbContext.ResetOwnState). Building them
        // afresh per message, with the options built again per scope, took ~7 % of the embedded process's CPU samples.
        builder.Services.AddPooledDbContextFactory<TContext>((services, options) =>
        {
            ServiceDatabase.Configure(options, provider, connectionString);
            options.AddInterceptors(services.GetRequiredService<OutboxSignalInterceptor<TContext>>());
            if (provider == DatabaseProvider.Sqlite)
            {
                options.AddInterceptors(SqliteWriterQueue.Instance);
                if (synchronous == SqliteSynchronous.Normal)
                {
                    options.AddInterceptors(SqliteSynchronousInterceptor.Instance);
                }
            }
        });
        // One context per scope, leased from the pool and returned to it when the scope is disposed.
        builder.Services.AddScoped(Lease<TContext>);

        // Schema first, then the dispatcher: hosted services start in registration order.
        builder.Services.AddOptions<DatabaseMigrationOptions>().BindConfiguration(DatabaseMigrationOptions.Section)
            .Validate(o => o.StartTimeout > TimeSpan.Zero, $"{DatabaseMigrationOptions.Section}:StartTimeout must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<SchemaMigrator<TContext>>(services, connectionName));
        builder.Services.AddSingleton<IServiceDatabaseMigrator>(services => services.GetRequiredService<SchemaMigrator<TContext>>());
        builder.Services.AddHostedService<SchemaMigrationService<TContext>>();
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        // A write that lost a race and was not retried (or kept losing) is a 409 problem, never a 500.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionHandler, WriteConflictExceptionHandler>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>(
            $"database-{connectionName}", HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    private static TContext Lease<TContext>(IServiceProvider services)
        where TContext : ServiceDbContext
    {
        var db = services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
        db.ResetOwnState();
        return db;
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

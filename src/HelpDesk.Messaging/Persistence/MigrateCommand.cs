using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// <c>dotnet HelpDesk.Intake.dll migrate</c>: apply every pending migration of the host's databases and exit, without
/// starting the bus or listening. The Kubernetes migrate Job and the AppHost's migrate step run this.
/// </summary>
public static class MigrateCommand
{
    public const string Verb = "migrate";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>Migrates every database registered with AddServiceDatabase; 0 when all are current, 1 otherwise.</summary>
    public static async Task<int> RunAsync(IHost host, CancellationToken cancellationToken = default)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
        var timeout = host.Services.GetRequiredService<IOptions<DatabaseMigrationOptions>>().Value.StartTimeout;
        var exitCode = 0;
        foreach (var migrator in host.Services.GetServices<IServiceDatabaseMigrator>())
        {
            try
            {
                var status = await MigrationRunner.RunAsync(migrator, MigrationMode.Apply, timeout, logger, cancellationToken);
                logger.LogInformation("{Database}: up to date ({Count} migrations applied)", status.Database, status.Applied.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogCritical("{Database}: migration failed: {Error}", migrator.Database, ex.Message);
                exitCode = 1;
            }
        }
        return exitCode;
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// Brings the service's database to this build's migration before the bus and the outbox dispatcher start (hosted
/// services start in registration order), or waits for the migrator to have done so (see <see cref="MigrationRunner"/>).
/// </summary>
internal sealed class SchemaMigrationService<TContext>(
    SchemaMigrator<TContext> migrator, IOptions<DatabaseMigrationOptions> options, ILogger<SchemaMigrationService<TContext>> logger) : IHostedService
    where TContext : ServiceDbContext
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        MigrationRunner.RunAsync(migrator, options.Value.Migrations, options.Value.StartTimeout, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

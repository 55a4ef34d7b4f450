namespace HelpDesk.Messaging.Persistence;

/// <summary>One service database's migrator (an embedded host has several); the <c>migrate</c> command runs them all.</summary>
public interface IServiceDatabaseMigrator
{
    /// <summary>The connection name (intakedb, routingdb, …).</summary>
    string Database { get; }

    Task<MigrationStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>Creates the database if needed and applies every pending migration under the migration lock.</summary>
    Task<MigrationStatus> MigrateAsync(CancellationToken cancellationToken);
}

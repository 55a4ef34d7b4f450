namespace HelpDesk.Messaging.Persistence;

/// <summary><c>HelpDesk:Database</c>: who applies schema migrations and how long a service waits for them.</summary>
public sealed class DatabaseMigrationOptions
{
    public const string Section = "HelpDesk:Database";

    /// <summary>
    /// <see cref="MigrationMode.Apply"/> (default: the service migrates its own database at start, under the migration
    /// lock) or <see cref="MigrationMode.Verify"/> (a migrator — the Kubernetes Job, the AppHost's migrate step — does it;
    /// the service waits until the database is at its version).
    /// </summary>
    public MigrationMode Migrations { get; set; } = MigrationMode.Apply;

    /// <summary>How long a service waits for a database that is unreachable, or (Verify) still has pending migrations.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

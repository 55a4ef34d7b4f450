namespace HelpDesk.Messaging.Persistence;

/// <summary>Where a database stands against the migrations this build knows.</summary>
/// <param name="Database">The connection name (intakedb, …).</param>
/// <param name="Applied">Migration ids recorded in the database's history.</param>
/// <param name="Pending">Known migrations not applied yet, in order.</param>
/// <param name="Unknown">Applied migrations this build does not have: the database is ahead of the code.</param>
public sealed record MigrationStatus(string Database, IReadOnlyList<string> Applied, IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
{
    public bool IsCurrent => Pending.Count == 0 && Unknown.Count == 0;

    /// <summary>The refusal a service gives when its database was migrated by a newer version.</summary>
    public void ThrowIfAhead()
    {
        if (Unknown.Count > 0)
        {
            throw new DatabaseMigrationException(
                $"The {Database} database is ahead of this version of HelpDesk: it has migration(s) {string.Join(", ", Unknown)} " +
                "that this build does not know (a newer version upgraded it). Run that newer version, or restore the backup taken " +
                "before the upgrade to go back (docs/operations.md, \"Rolling back\").");
        }
    }
}

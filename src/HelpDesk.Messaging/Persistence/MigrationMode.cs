namespace HelpDesk.Messaging.Persistence;

/// <summary>See <see cref="DatabaseMigrationOptions.Migrations"/>.</summary>
public enum MigrationMode { Apply, Verify }

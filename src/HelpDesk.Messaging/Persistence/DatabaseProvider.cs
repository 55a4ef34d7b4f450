namespace HelpDesk.Messaging.Persistence;

/// <summary>The database a service's connection string points at (see <see cref="PersistenceExtensions.DetectProvider"/>).</summary>
public enum DatabaseProvider { Sqlite, PostgreSql }

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// The database cannot be used by this version (it is ahead of the code, or its schema is not one HelpDesk made):
/// the service refuses to start. Never retried.
/// </summary>
public sealed class DatabaseMigrationException(string message) : InvalidOperationException(message);

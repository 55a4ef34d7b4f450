namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// How an embedded-mode (SQLite, WAL) commit reaches the disk, set by <see cref="ServiceDatabase.SqliteSynchronousKey"/>.
/// <see cref="Full"/> (the default) syncs the write-ahead log at every commit: a committed transaction survives a
/// process crash and a power loss. <see cref="Normal"/> syncs it only at checkpoints: a committed transaction survives
/// a process crash (the log is in the operating system's cache) but the last ones before a power loss or kernel crash
/// can be lost — including tickets already acknowledged with 201. Never used with PostgreSQL.
/// </summary>
public enum SqliteSynchronous { Full, Normal }

namespace HelpDesk.Messaging.Outbox;

/// <summary>
/// One dispatcher's claim on a contiguous range of outbox sequence numbers: the rows it holds, in order, marked with
/// its instance id and a claim expiry matched by equality; <paramref name="OnSqlite"/> when the database is SQLite.
/// </summary>
internal sealed record OutboxClaim(long First, long Last, Guid LockedBy, DateTimeOffset LockedUntil, IReadOnlyList<OutboxMessage> Rows, bool OnSqlite);

namespace HelpDesk.Messaging.Concurrency;

/// <summary>
/// How many messages a process handles at once, over all its receive endpoints (HelpDesk:Messaging:MaxConcurrentMessages).
/// Each endpoint prefetches its own messages, so a service with nine queues could run dozens of handlers at once against a
/// database pool of 20 connections: under load the rest waited on the pool, timed out after 15 s, spent their retries and
/// starved the readiness check of a connection. Bounded here below the pool size, handlers wait in memory instead.
/// </summary>
public sealed class HandlerSlots(int count) : IDisposable
{
    public const string Key = "HelpDesk:Messaging:MaxConcurrentMessages";

    /// <summary>Connections left for the outbox dispatcher, scanners, HTTP requests and the readiness check.</summary>
    public const int ReservedConnections = 4;

    private readonly SemaphoreSlim _slots = new(count, count);

    public int Count { get; } = count;

    public bool Unbounded => Count == int.MaxValue;

    /// <summary>
    /// The configured count; otherwise, on RabbitMQ (one process per service, each with its own PostgreSQL pool), the
    /// pool size less the reserve (at least 2). The in-memory bus of the embedded process carries every service, each
    /// with its own SQLite database and no pool limit: unbounded there unless configured.
    /// </summary>
    public static int CountFrom(int? configured, int maxPoolSize, bool onBroker) =>
        configured ?? (onBroker ? Math.Max(2, maxPoolSize - ReservedConnections) : int.MaxValue);

    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}

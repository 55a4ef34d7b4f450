namespace HelpDesk.Messaging.Concurrency;

/// <summary>
/// At most one pending wake-up for a background loop (outbox dispatcher, SLA scanner, delivery worker): setting it
/// while one is pending does nothing, and never throws. Releasing a full SemaphoreSlim(0, 1) throws
/// SemaphoreFullException; the delivery worker's signal did that about 30 times a second at 50 tickets/s, which is
/// CPU spent and noise in the runtime's exception counter that operators watch.
/// </summary>
public sealed class WakeUpSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    /// <summary>1 from a <see cref="Set"/> until a waiter takes the wake-up; the semaphore is released only on 0 → 1.</summary>
    private int _pending;

    public void Set()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _semaphore.Release();
        }
    }

    /// <summary>
    /// Waits for a wake-up; false when <paramref name="timeout"/> passed without one. A <see cref="Set"/> between taking
    /// the wake-up and clearing the flag is absorbed: the waiter's work starts after this returns, so it sees what
    /// that caller committed before setting.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _semaphore.WaitAsync(timeout, cancellationToken))
        {
            return false;
        }
        Volatile.Write(ref _pending, 0);
        return true;
    }

    /// <summary>Drops a pending wake-up, if any (the caller is about to look for work anyway).</summary>
    public void Clear()
    {
        if (_semaphore.Wait(0))
        {
            Volatile.Write(ref _pending, 0);
        }
    }

    public void Dispose() => _semaphore.Dispose();
}

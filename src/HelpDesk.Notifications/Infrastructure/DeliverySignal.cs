namespace HelpDesk.Notifications.Infrastructure;

/// <summary>Wakes the worker early (new replay, new deliveries) instead of waiting for its next poll.</summary>
public sealed class DeliverySignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Pulse()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Spends a pending wake-up: the worker is about to look for work anyway.</summary>
    public void Reset() => _signal.Wait(0);

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}

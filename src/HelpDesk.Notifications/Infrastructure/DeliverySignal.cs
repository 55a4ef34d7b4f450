using HelpDesk.Messaging.Concurrency;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>Wakes the worker early (new replay, new deliveries) instead of waiting for its next poll.</summary>
public sealed class DeliverySignal : IDisposable
{
    private readonly WakeUpSignal _signal = new();

    public void Pulse() => _signal.Set();

    /// <summary>Spends a pending wake-up: the worker is about to look for work anyway.</summary>
    public void Reset() => _signal.Clear();

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}

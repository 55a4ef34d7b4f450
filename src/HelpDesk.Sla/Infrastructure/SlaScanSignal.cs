namespace HelpDesk.Sla.Infrastructure;

/// <summary>Wakes the scanner when a commit moved a due instant (a new clock may be due before its planned wake-up).</summary>
public sealed class SlaScanSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    /// <summary>Waits for a signal or until <paramref name="wakeAt"/> on <paramref name="time"/>.</summary>
    public async Task WaitUntilAsync(DateTimeOffset wakeAt, TimeProvider time, CancellationToken cancellationToken)
    {
        var delay = wakeAt - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new CancellationTokenSource(delay, time);
        // Time may have moved on while the timer was being created (a test advancing a fake clock, a long GC pause).
        if (time.GetUtcNow() >= wakeAt)
        {
            return;
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _signal.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The delay elapsed.
        }
    }

    public void Dispose() => _signal.Dispose();
}

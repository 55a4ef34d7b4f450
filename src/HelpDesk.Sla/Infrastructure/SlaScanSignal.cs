using HelpDesk.Messaging.Concurrency;

namespace HelpDesk.Sla.Infrastructure;

/// <summary>Wakes the scanner when a commit moved a due instant (a new clock may be due before its planned wake-up).</summary>
public sealed class SlaScanSignal : IDisposable
{
    private readonly WakeUpSignal _signal = new();

    public void Notify() => _signal.Set();

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
            await _signal.WaitAsync(Timeout.InfiniteTimeSpan, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The delay elapsed.
        }
    }

    public void Dispose() => _signal.Dispose();
}

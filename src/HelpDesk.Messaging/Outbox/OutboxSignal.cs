using HelpDesk.Messaging.Concurrency;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Messaging.Outbox;

/// <summary>Wakes a context's dispatcher as soon as new events commit, so delivery does not wait for the next poll.</summary>
public sealed class OutboxSignal<TContext> : IDisposable where TContext : DbContext
{
    private readonly WakeUpSignal _signal = new();

    private long _committedUpTo;

    /// <summary>The highest outbox sequence a notification announced committed (<see cref="long.MaxValue"/> once one did not know).</summary>
    public long CommittedUpTo => Interlocked.Read(ref _committedUpTo);

    /// <summary>Outbox rows up to sequence <paramref name="committedUpTo"/> committed; wakes the dispatcher.</summary>
    public void Notify(long committedUpTo)
    {
        var seen = Interlocked.Read(ref _committedUpTo);
        while (committedUpTo > seen)
        {
            var was = Interlocked.CompareExchange(ref _committedUpTo, committedUpTo, seen);
            if (was == seen)
            {
                break;
            }
            seen = was;
        }
        _signal.Set();
    }

    /// <summary>Waits for the next notification; false when <paramref name="timeout"/> passed without one.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Drops a notification not yet waited for. A claim about to run sees every row committed before it, so a
    /// notification raised before the claim is answered by it; left set, it would wake the loop for an empty claim.
    /// </summary>
    public void Clear() => _signal.Clear();

    public void Dispose() => _signal.Dispose();
}

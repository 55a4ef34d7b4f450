using HelpDesk.Messaging.Concurrency;

namespace HelpDesk.Foundation.Tests;

/// <summary>
/// The wake-up of the outbox dispatcher, SLA scanner and delivery worker: one pending at most, set without exceptions
/// (a full SemaphoreSlim throws on Release), and never stuck in a state where a later set wakes nobody.
/// </summary>
public sealed class WakeUpSignalTests
{
    [Fact]
    public async Task Sets_while_one_is_pending_make_one_wake_up_and_throw_nothing()
    {
        using var signal = new WakeUpSignal();
        var thrown = await CountSemaphoreFullAsync(() =>
        {
            signal.Set();
            signal.Set();
            signal.Set();
            return Task.CompletedTask;
        });

        Assert.Equal(0, thrown);
        Assert.True(await WokeAsync(signal));
        Assert.False(await WokeAsync(signal), "three sets made more than one wake-up");
    }

    [Fact]
    public async Task A_cleared_wake_up_is_gone_and_the_next_set_wakes_again()
    {
        using var signal = new WakeUpSignal();
        signal.Set();
        signal.Clear();
        Assert.False(await WokeAsync(signal), "a cleared wake-up still woke the waiter");

        signal.Clear();
        signal.Set();
        Assert.True(await WokeAsync(signal), "after a clear with nothing pending, a set woke nobody");
    }

    [Fact]
    public async Task Under_concurrent_sets_clears_and_waits_nothing_throws_and_a_later_set_still_wakes()
    {
        using var signal = new WakeUpSignal();
        const int Wakes = 500;
        var woken = 0;
        // Setters go on until the waiter has been woken Wakes times; the guard only ends a run that would hang.
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromMinutes(1));
        var thrown = await CountSemaphoreFullAsync(async () =>
        {
            var waiter = Task.Run(async () =>
            {
                while (Volatile.Read(ref woken) < Wakes && !guard.IsCancellationRequested)
                {
                    if (await signal.WaitAsync(TimeSpan.FromMilliseconds(5), CancellationToken.None))
                    {
                        Interlocked.Increment(ref woken);
                    }
                }
            }, CancellationToken.None);
            var setters = Enumerable.Range(0, 4).Select(n => Task.Run(() =>
            {
                for (var i = 0; Volatile.Read(ref woken) < Wakes && !guard.IsCancellationRequested; i++)
                {
                    signal.Set();
                    if (n == 0 && i % 7 == 0)
                    {
                        signal.Clear();
                    }
                }
            }, CancellationToken.None)).ToList();
            await Task.WhenAll([.. setters, waiter]);
        });

        Assert.Equal(0, thrown);
        Assert.True(woken >= Wakes, $"the waiter was woken {woken} times in a minute of sets");
        signal.Clear();
        signal.Set();
        Assert.True(await WokeAsync(signal), "after the storm a set woke nobody: the pending flag was left set without a wake-up");
        Assert.False(await WokeAsync(signal));
    }

    private static Task<bool> WokeAsync(WakeUpSignal signal) => signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);

    /// <summary>SemaphoreFullExceptions thrown (caught or not) anywhere in the process while <paramref name="action"/> runs.</summary>
    private static async Task<int> CountSemaphoreFullAsync(Func<Task> action)
    {
        var thrown = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (e.Exception is SemaphoreFullException)
            {
                Interlocked.Increment(ref thrown);
            }
        }
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            await action();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }
        return thrown;
    }
}

namespace HelpDesk.Testing;

/// <summary>Waits for an asynchronous effect (an event consumed, a row written) without timing assertions.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var value = await probe();
            if (value is not null && (value is not bool b || b))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what ?? "the condition"}.");
            }
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan? timeout = null, string? what = null) =>
        GetAsync<object>(async () => await probe() ? true : null, timeout, what);

    /// <summary>
    /// Waits until <paramref name="count"/> reaches <paramref name="target"/>, for as long as it keeps growing: gives up
    /// only when it has not moved for <paramref name="stall"/>. For bulk effects (thousands of tickets routed) whose
    /// total time depends on the machine's load: a stall is a bug, a slow machine is not.
    /// </summary>
    public static async Task ProgressAsync(Func<Task<int>> count, int target, TimeSpan stall, string what)
    {
        var last = -1;
        var deadline = DateTime.UtcNow + stall;
        while (true)
        {
            var now = await count();
            if (now >= target)
            {
                return;
            }
            if (now > last)
            {
                (last, deadline) = (now, DateTime.UtcNow + stall);
            }
            else if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}: {now} of {target}, no progress for {stall.TotalSeconds:0} s.");
            }
            await Task.Delay(500);
        }
    }
}

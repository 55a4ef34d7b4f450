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
}

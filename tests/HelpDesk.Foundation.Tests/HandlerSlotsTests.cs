using HelpDesk.Messaging;
using HelpDesk.Messaging.Concurrency;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Foundation.Tests;

/// <summary>
/// A process handles at most HelpDesk:Messaging:MaxConcurrentMessages messages at once over all its endpoints, so its
/// handlers never queue on the database pool (where they would time out and spend their retries).
/// </summary>
public sealed class HandlerSlotsTests
{
    private const int PerQueue = 30;

    [Fact]
    public async Task Handlers_of_every_endpoint_together_never_exceed_the_slots_and_all_messages_are_handled()
    {
        var (peak, handled) = await RunAsync(limit: 3);
        Assert.Equal(3 * PerQueue, handled);
        Assert.Equal(3, peak);
    }

    [Fact]
    public async Task With_more_slots_the_same_endpoints_run_more_handlers_at_once()
    {
        // The control: the three endpoints do run concurrently, so the limit above is what held them to three.
        var (peak, handled) = await RunAsync(limit: 64);
        Assert.Equal(3 * PerQueue, handled);
        Assert.True(peak > 3, $"peak {peak}");
    }

    private static async Task<(int Peak, int Handled)> RunAsync(int limit)
    {
        var meter = new SlotMeter();
        await using var host = await ServiceTestHost.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton(meter);
                builder.AddMessageConsumers(bus =>
                {
                    bus.AddConsumer<SlowFirst>();
                    bus.AddConsumer<SlowSecond>();
                    bus.AddConsumer<SlowThird>();
                });
            },
            _ => { },
            new Dictionary<string, string?> { [HandlerSlots.Key] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var bus = host.GetRequiredService<IBus>();
        for (var i = 0; i < PerQueue; i++)
        {
            await bus.Publish(new SlotProbeFirst(i), TestContext.Current.CancellationToken);
            await bus.Publish(new SlotProbeSecond(i), TestContext.Current.CancellationToken);
            await bus.Publish(new SlotProbeThird(i), TestContext.Current.CancellationToken);
        }
        await Eventually.TrueAsync(() => Task.FromResult(meter.Handled == 3 * PerQueue), what: "every probe handled");
        return (meter.Peak, meter.Handled);
    }
}

public sealed record SlotProbeFirst(int N);

public sealed record SlotProbeSecond(int N);

public sealed record SlotProbeThird(int N);

/// <summary>Counts handlers running at once (the peak) and handled messages.</summary>
public sealed class SlotMeter
{
    private int _running;
    private int _peak;
    private int _handled;

    public int Peak => Volatile.Read(ref _peak);

    public int Handled => Volatile.Read(ref _handled);

    public async Task RunAsync()
    {
        var now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
        await Task.Delay(50);
        Interlocked.Decrement(ref _running);
        Interlocked.Increment(ref _handled);
    }
}

public sealed class SlowFirst(SlotMeter meter) : IConsumer<SlotProbeFirst>
{
    public Task Consume(ConsumeContext<SlotProbeFirst> context) => meter.RunAsync();
}

public sealed class SlowSecond(SlotMeter meter) : IConsumer<SlotProbeSecond>
{
    public Task Consume(ConsumeContext<SlotProbeSecond> context) => meter.RunAsync();
}

public sealed class SlowThird(SlotMeter meter) : IConsumer<SlotProbeThird>
{
    public Task Consume(ConsumeContext<SlotProbeThird> context) => meter.RunAsync();
}

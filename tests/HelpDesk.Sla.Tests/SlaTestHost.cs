using System.Collections.Concurrent;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Messaging;
using HelpDesk.Sla.Api;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using HelpDesk.Sla.Domain;
using HelpDesk.Sla.Infrastructure;

namespace HelpDesk.Sla.Tests;

/// <summary>The SLA service on a real port with a fake clock, plus a bus consumer recording what it publishes.</summary>
internal sealed class SlaTestHost : IAsyncDisposable
{
    /// <summary>24x7 targets small enough to reason about: first response 1 h, resolution 4 h, warnings at 75 and 90 %.</summary>
    public static readonly Dictionary<string, string?> TestPolicy = new()
    {
        ["Sla:Policies:standard:FirstResponse"] = "01:00:00",
        ["Sla:Policies:standard:Resolution"] = "04:00:00",
    };

    private SlaTestHost(ServiceTestHost host, FakeTimeProvider time, SlaEventRecorder recorder)
    {
        Host = host;
        Time = time;
        Recorder = recorder;
    }

    public ServiceTestHost Host { get; }

    public FakeTimeProvider Time { get; }

    public SlaEventRecorder Recorder { get; }

    public HttpClient Client => Host.Client;

    public static Task<SlaTestHost> StartAsync(FakeTimeProvider time, IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        // MassTransit keeps its log context in an async-local: a host started after another one was disposed in the same
        // flow would inherit the disposed logger factory. A fresh execution context per host avoids that.
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(() => StartCoreAsync(time, settings, dataDirectory));
        }
    }

    private static async Task<SlaTestHost> StartCoreAsync(FakeTimeProvider time, IDictionary<string, string?>? settings, string? dataDirectory)
    {
        var recorder = new SlaEventRecorder();
        var host = await ServiceTestHost.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(time);
                builder.Services.AddSingleton(recorder);
                builder.AddSla();
                builder.AddMessageConsumers(bus => bus.AddConsumer<SlaTestEventsRecorder>());
            },
            app => app.MapSla(),
            settings ?? TestPolicy,
            dataDirectory);
        return new SlaTestHost(host, time, recorder);
    }

    public Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        Host.GetRequiredService<IBus>().Publish(message, context => context.MessageId = messageId ?? Guid.NewGuid(), TestContext.Current.CancellationToken);

    public async Task<TicketSlaView?> GetTicketAsync(Guid ticketId)
    {
        var response = await Client.GetAsync($"/api/v1/sla/tickets/{ticketId}", TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<TicketSlaView>(TestJson.Options, TestContext.Current.CancellationToken) : null;
    }

    /// <summary>Waits until the ticket's SLA view satisfies <paramref name="condition"/> (an event was consumed).</summary>
    public Task<TicketSlaView> WaitForTicketAsync(Guid ticketId, Func<TicketSlaView, bool> condition, string what) =>
        Eventually.GetAsync(async () => await GetTicketAsync(ticketId) is { } view && condition(view) ? view : null, what: what);

    public Task<List<SlaFiring>> FiringsAsync(Guid? ticketId = null) => Host.InScopeAsync(services =>
        services.GetRequiredService<SlaDbContext>().Firings.AsNoTracking()
            .Where(f => ticketId == null || f.TicketId == ticketId).OrderBy(f => f.Id).ToListAsync());

    /// <summary>Outbox rows (the durable record of published events) of one event type.</summary>
    public Task<int> OutboxCountAsync<T>() => Host.InScopeAsync(services =>
        services.GetRequiredService<SlaDbContext>().OutboxMessages.AsNoTracking()
            .CountAsync(m => m.MessageType.StartsWith(typeof(T).FullName + ",")));

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

public sealed class SlaEventRecorder
{
    public ConcurrentQueue<SlaWarningRaised> Warnings { get; } = new();

    public ConcurrentQueue<SlaBreached> Breaches { get; } = new();
}

public sealed class SlaTestEventsRecorder(SlaEventRecorder recorder) : IConsumer<SlaWarningRaised>, IConsumer<SlaBreached>
{
    public Task Consume(ConsumeContext<SlaWarningRaised> context)
    {
        recorder.Warnings.Enqueue(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<SlaBreached> context)
    {
        recorder.Breaches.Enqueue(context.Message);
        return Task.CompletedTask;
    }
}

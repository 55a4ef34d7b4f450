using System.Collections.Concurrent;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Messaging;
using HelpDesk.Sla.Api;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HelpDesk.Sla.Domain;
using HelpDesk.Sla.Infrastructure;

namespace HelpDesk.Sla.Tests;

/// <summary>
/// SLA as tests start it, with the small test policy and a bus consumer recording what it publishes:
/// <c>ServiceTestHost.StartAsync(SlaUnderTest.Service, time: clock)</c>, and helpers for its API and records.
/// </summary>
internal static class SlaUnderTest
{
    /// <summary>24x7 targets small enough to reason about: first response 1 h, resolution 4 h, warnings at 75 and 90 %.</summary>
    public static readonly Dictionary<string, string?> TestPolicy = new()
    {
        ["Sla:Policies:standard:FirstResponse"] = "01:00:00",
        ["Sla:Policies:standard:Resolution"] = "04:00:00",
    };

    public static readonly TestedService Service = new(
        "sla",
        builder =>
        {
            builder.Services.AddSingleton<SlaEventRecorder>();
            builder.AddSla();
            builder.AddMessageConsumers(bus => bus.AddConsumer<SlaTestEventsRecorder>());
        },
        app => app.MapSla())
    {
        Settings = TestPolicy,
    };

    /// <summary>The SLA events this host published, as the recorder consumer received them from the bus.</summary>
    public static SlaEventRecorder Recorder(this ServiceTestHost host) => host.GetRequiredService<SlaEventRecorder>();

    public static Task PublishAsync<T>(this ServiceTestHost host, T message, Guid? messageId = null) where T : class =>
        host.GetRequiredService<IBus>().Publish(message, context => context.MessageId = messageId ?? Guid.NewGuid(), TestContext.Current.CancellationToken);

    public static async Task<TicketSlaView?> GetTicketAsync(this ServiceTestHost host, Guid ticketId)
    {
        var response = await host.Client.GetAsync($"/api/v1/sla/tickets/{ticketId}", TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<TicketSlaView>(TestJson.Options, TestContext.Current.CancellationToken) : null;
    }

    /// <summary>Waits until the ticket's SLA view satisfies <paramref name="condition"/> (an event was consumed).</summary>
    public static Task<TicketSlaView> WaitForTicketAsync(this ServiceTestHost host, Guid ticketId, Func<TicketSlaView, bool> condition, string what) =>
        Eventually.GetAsync(async () => await host.GetTicketAsync(ticketId) is { } view && condition(view) ? view : null, what: what);

    public static Task<List<SlaFiring>> FiringsAsync(this ServiceTestHost host, Guid? ticketId = null) => host.InScopeAsync(services =>
        services.GetRequiredService<SlaDbContext>().Firings.AsNoTracking()
            .Where(f => ticketId == null || f.TicketId == ticketId).OrderBy(f => f.Id).ToListAsync());

    /// <summary>Outbox rows (the durable record of published events) of one event type.</summary>
    public static Task<int> OutboxCountAsync<T>(this ServiceTestHost host) => host.InScopeAsync(services =>
        services.GetRequiredService<SlaDbContext>().OutboxMessages.AsNoTracking()
            .CountAsync(m => m.MessageType.StartsWith(typeof(T).FullName + ",")));

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

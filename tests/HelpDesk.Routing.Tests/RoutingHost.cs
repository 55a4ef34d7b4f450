using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;

namespace HelpDesk.Routing.Tests;

/// <summary>The routing service on a real port (SQLite, in-memory bus) with helpers to submit tickets and read its outbox.</summary>
internal sealed class RoutingHost : IAsyncDisposable
{
    private int _sequence;

    private RoutingHost(ServiceTestHost host) => Host = host;

    public ServiceTestHost Host { get; }

    public HttpClient Client => Host.Client;

    /// <summary>Starts without the shipped model unless the settings ask for it, so tests see rules and defaults alone.</summary>
    public static async Task<RoutingHost> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? time = null) =>
        new(await ServiceTestHost.StartAsync(b =>
        {
            if (time is not null)
            {
                b.Services.AddSingleton(time);
            }
            b.AddRouting();
        }, app => app.MapRouting(), WithoutDefaultModel(settings)));

    public static Dictionary<string, string?> WithoutDefaultModel(IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        all.TryAdd("Routing:Classifier:UseDefaultModel", "false");
        return all;
    }

    public TicketSubmitted NewTicket(
        string subject,
        string description = "",
        TicketType type = TicketType.Incident,
        TicketChannel channel = TicketChannel.Portal,
        string? organisation = null,
        IReadOnlyList<string>? tags = null,
        string? catalogItem = null)
    {
        var number = Interlocked.Increment(ref _sequence);
        return new TicketSubmitted(Guid.NewGuid(), $"T-{number:D6}", type, channel, TicketPriority.Medium,
            new Requester($"user{number}@example.com", "User", organisation), subject, description, tags ?? [], "en",
            DateTimeOffset.UtcNow, CatalogItem: catalogItem);
    }

    public Task PublishAsync(TicketSubmitted ticket) => Host.GetRequiredService<IBus>().Publish(ticket, TestContext.Current.CancellationToken);

    public async Task<RoutedTicket> SubmitAsync(TicketSubmitted ticket)
    {
        await PublishAsync(ticket);
        return await RoutedAsync(ticket.TicketId);
    }

    public Task<RoutedTicket> RoutedAsync(Guid ticketId) =>
        Eventually.GetAsync(() => QueryAsync(db => db.RoutedTickets.AsNoTracking().FirstOrDefaultAsync(t => t.TicketId == ticketId)), what: $"ticket {ticketId} routed");

    public Task<T> QueryAsync<T>(Func<RoutingDbContext, Task<T>> query) =>
        Host.InScopeAsync(services => query(services.GetRequiredService<RoutingDbContext>()));

    /// <summary>Events this service queued for publication about a ticket (the durable outbox is the publication record).</summary>
    public async Task<List<TEvent>> EventsAsync<TEvent>(Guid? ticketId = null)
    {
        var type = typeof(TEvent).FullName!;
        var rows = await QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.MessageType.StartsWith(type + ",") && (ticketId == null || m.TicketId == ticketId))
            .OrderBy(m => m.Sequence)
            .Select(m => m.Body)
            .ToListAsync());
        return rows.Select(body => JsonSerializer.Deserialize<TEvent>(body, TestJson.Options)!).ToList();
    }

    public async Task PutAgentAsync(string id, string[] queues, int capacity = 100, string[]? skills = null, bool onShift = true, DateTimeOffset? outOfOfficeUntil = null)
    {
        var response = await Client.PutAsJsonAsync($"/api/v1/routing/agents/{id}",
            new { name = $"Agent {id}", email = $"{id}@desk.example", queues, skills = skills ?? [], capacity, onShift, outOfOfficeUntil },
            TestJson.Options, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task PutQueueAsync(string name, AssignmentStrategy strategy)
    {
        var response = await Client.PutAsJsonAsync($"/api/v1/routing/queues/{name}", new { strategy }, TestJson.Options, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<HttpResponseMessage> PostRuleAsync(object rule) =>
        await Client.PostAsJsonAsync("/api/v1/routing/rules", rule, TestJson.Options, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

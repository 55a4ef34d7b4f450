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

/// <summary>
/// Routing as tests start it (SQLite, in-memory bus, without the shipped model unless the settings ask for it):
/// <c>ServiceTestHost.StartAsync(RoutingUnderTest.Service)</c>, and helpers to submit tickets and read its outbox.
/// </summary>
internal static class RoutingUnderTest
{
    private static int _sequence;

    public static readonly TestedService Service = new("routing", b => b.AddRouting(), app => app.MapRouting())
    {
        Settings = new Dictionary<string, string?> { ["Routing:Classifier:UseDefaultModel"] = "false" },
    };

    public static TicketSubmitted NewTicket(
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

    public static Task PublishAsync(this ServiceTestHost host, TicketSubmitted ticket) => host.GetRequiredService<IBus>().Publish(ticket, TestContext.Current.CancellationToken);

    public static async Task<RoutedTicket> SubmitAsync(this ServiceTestHost host, TicketSubmitted ticket)
    {
        await host.PublishAsync(ticket);
        return await host.RoutedAsync(ticket.TicketId);
    }

    public static Task<RoutedTicket> RoutedAsync(this ServiceTestHost host, Guid ticketId) =>
        Eventually.GetAsync(() => host.QueryAsync(db => db.RoutedTickets.AsNoTracking().FirstOrDefaultAsync(t => t.TicketId == ticketId)), what: $"ticket {ticketId} routed");

    public static Task<T> QueryAsync<T>(this ServiceTestHost host, Func<RoutingDbContext, Task<T>> query) =>
        host.InScopeAsync(services => query(services.GetRequiredService<RoutingDbContext>()));

    /// <summary>Events this service queued for publication about a ticket (the durable outbox is the publication record).</summary>
    public static async Task<List<TEvent>> EventsAsync<TEvent>(this ServiceTestHost host, Guid? ticketId = null)
    {
        var type = typeof(TEvent).FullName!;
        var rows = await host.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.MessageType.StartsWith(type + ",") && (ticketId == null || m.TicketId == ticketId))
            .OrderBy(m => m.Sequence)
            .Select(m => m.Body)
            .ToListAsync());
        return rows.Select(body => JsonSerializer.Deserialize<TEvent>(body, TestJson.Options)!).ToList();
    }

    public static async Task PutAgentAsync(this ServiceTestHost host, string id, string[] queues, int capacity = 100, string[]? skills = null, bool onShift = true, DateTimeOffset? outOfOfficeUntil = null)
    {
        var response = await host.Client.PutAsJsonAsync($"/api/v1/routing/agents/{id}",
            new { name = $"Agent {id}", email = $"{id}@desk.example", queues, skills = skills ?? [], capacity, onShift, outOfOfficeUntil },
            TestJson.Options, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static async Task PutQueueAsync(this ServiceTestHost host, string name, AssignmentStrategy strategy)
    {
        var response = await host.Client.PutAsJsonAsync($"/api/v1/routing/queues/{name}", new { strategy }, TestJson.Options, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static async Task<HttpResponseMessage> PostRuleAsync(this ServiceTestHost host, object rule) =>
        await host.Client.PostAsJsonAsync("/api/v1/routing/rules", rule, TestJson.Options, TestContext.Current.CancellationToken);

}

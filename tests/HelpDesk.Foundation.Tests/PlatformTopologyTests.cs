using System.Net;
using System.Net.Http.Json;
using HelpDesk.Contracts;
using HelpDesk.Intake;
using HelpDesk.Intake.Infrastructure;
using HelpDesk.KnowledgeBase;
using HelpDesk.KnowledgeBase.Infrastructure;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Messaging.Topology;
using HelpDesk.Notifications;
using HelpDesk.Notifications.Infrastructure;
using HelpDesk.Routing;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Sla;
using HelpDesk.Sla.Infrastructure;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace HelpDesk.Foundation.Tests;

/// <summary>
/// No message without a receiver (issue 21, item 1): on RabbitMQ and PostgreSQL, with every service a host of its own,
/// events published while every consumer service is stopped and has never run reach every consumer once they start.
/// </summary>
public sealed class PlatformTopologyTests(RabbitMqFixture rabbit, PostgresFixture postgres)
{
    private const int Tickets = 5;

    /// <summary>The consumers of TicketSubmitted, by the service that runs them (inbox consumer names).</summary>
    private static readonly (string Service, string Queue)[] SubmittedConsumers =
    [
        ("routing", "route-submitted-ticket"),
        ("sla", "start-sla-clocks"),
        ("notifications", "notify-ticket-submitted"),
        ("kb", "suggest-articles-for-ticket"),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_published_before_any_consumer_service_ever_ran_reach_every_consumer_once_they_start()
    {
        var settings = await SettingsAsync(deployTopology: true);
        var broker = settings["ConnectionStrings:messaging"]!;
        await using var intake = await StartAsync(Services.Intake, settings);

        var submitted = await SubmitAndWaitDispatchedAsync(intake);
        // RabbitMQ confirmed every publish; each consumer's queue holds the events although no consumer has ever run.
        foreach (var (_, queue) in SubmittedConsumers)
        {
            Assert.Equal((uint)Tickets, await RabbitMqFixture.CountMessagesAsync(broker, queue));
        }

        await using var routing = await StartAsync(Services.Routing, settings);
        await using var sla = await StartAsync(Services.Sla, settings);
        await using var notifications = await StartAsync(Services.Notifications, settings);
        await using var kb = await StartAsync(Services.KnowledgeBase, settings);
        var hosts = new Dictionary<string, ServiceTestHost> { ["routing"] = routing, ["sla"] = sla, ["notifications"] = notifications, ["kb"] = kb };

        // Counted from each consumer's inbox (one row per message it applied) — every event, each consumer, once.
        foreach (var (service, queue) in SubmittedConsumers)
        {
            var handled = await Eventually.GetAsync(async () =>
            {
                var ids = await InboxAsync(hosts[service], submitted, queue);
                return ids.Count == Tickets ? ids : null;
            }, what: $"{queue} to handle the {Tickets} events published before {service} first started");
            Assert.Equal(submitted.Keys.Order(), handled.Order());
        }

        // And the round trip: routing's TicketRouted reaches intake's ticket.
        foreach (var ticket in submitted.Values)
        {
            await Eventually.TrueAsync(
                () => intake.InScopeAsync(s => s.GetRequiredService<IntakeDbContext>().Tickets.AsNoTracking().AnyAsync(t => t.Id == ticket && t.Queue != null)),
                what: $"ticket {ticket} to be routed");
        }
        foreach (var (_, queue) in SubmittedConsumers)
        {
            await Eventually.TrueAsync(async () => await RabbitMqFixture.CountMessagesAsync(broker, queue) == 0, what: $"{queue} to be drained");
            Assert.Equal(0u, await RabbitMqFixture.CountMessagesAsync(broker, queue + "_error"));
        }
    }

    /// <summary>
    /// The control: without the declared topology the same publish is confirmed by RabbitMQ and dropped (no queue
    /// exists to take it). The consumers then declare their own bindings, which must be exactly the declared topology —
    /// a consumer added to a service without its line in <see cref="PlatformTopology"/> fails here, by name.
    /// </summary>
    [Fact]
    public async Task Without_the_declared_topology_such_events_are_dropped_and_consumers_declare_exactly_that_topology()
    {
        var settings = await SettingsAsync(deployTopology: false);
        var broker = settings["ConnectionStrings:messaging"]!;
        await using (var intake = await StartAsync(Services.Intake, settings))
        {
            await SubmitAndWaitDispatchedAsync(intake);
            foreach (var (_, queue) in SubmittedConsumers)
            {
                Assert.False(await QueueExistsAsync(broker, queue), $"{queue} exists although no consumer of it ever ran");
            }
        }

        await using (await StartAsync(Services.Routing, settings))
        await using (await StartAsync(Services.Sla, settings))
        await using (await StartAsync(Services.Notifications, settings))
        await using (await StartAsync(Services.KnowledgeBase, settings))
        await using (await StartAsync(Services.Intake, settings))
        {
            var declared = await ConsumerBindingsAsync(broker);
            var expected = PlatformTopology.Queues
                .SelectMany(q => q.Messages.Select(m => $"{PlatformTopology.ExchangeFor(m)} -> {q.Name}"))
                .ToHashSet(StringComparer.Ordinal);
            var missing = declared.Except(expected).Order().ToList();
            var stale = expected.Except(declared).Order().ToList();
            Assert.True(missing.Count == 0 && stale.Count == 0,
                "PlatformTopology.Queues does not match what the services' consumers declare.\n" +
                $"Add to PlatformTopology (consumer queue not declared at start-up, its events would be lost on a fresh deployment):\n  {string.Join("\n  ", missing)}\n" +
                $"Remove from PlatformTopology (no consumer declares it):\n  {string.Join("\n  ", stale)}");
        }
    }

    /// <summary>
    /// A consumer merged into another (<see cref="PlatformTopology.Retired"/>: KB's RecordRequesterTicket into
    /// SuggestArticlesForTicket): on a broker upgraded from a version that had its binding, the events its queue already
    /// held are still applied — by the retired consumer, which drains it — and the deployment unbinds it, so later
    /// events reach the merged consumer only. Every ticket's requester is recorded, once.
    /// </summary>
    [Fact]
    public async Task A_retired_queue_is_drained_of_what_it_held_and_unbound_at_deployment()
    {
        var settings = await SettingsAsync(deployTopology: false);
        var broker = settings["ConnectionStrings:messaging"]!;
        var retired = KebabCaseEndpointNameFormatter.Instance.SanitizeName("RecordRequesterTicket");
        var submittedExchange = PlatformTopology.ExchangeFor(typeof(TicketSubmitted));
        await BindAsBeforeTheMergeAsync(broker, retired, submittedExchange);
        Dictionary<Guid, Guid> before;
        await using (var oldIntake = await StartAsync(Services.Intake, settings))
        {
            before = await SubmitAndWaitDispatchedAsync(oldIntake);
        }
        Assert.Equal((uint)Tickets, await RabbitMqFixture.CountMessagesAsync(broker, retired));

        var deployed = new Dictionary<string, string?>(settings) { ["HelpDesk:Messaging:DeployPlatformTopology"] = "true" };
        await using var kb = await StartAsync(Services.KnowledgeBase, deployed);
        await Eventually.TrueAsync(async () => (await InboxAsync(kb, before, retired)).Count == Tickets, what: "the retired consumer to drain its queue");
        Assert.DoesNotContain((await rabbit.ListBindingsAsync(broker)), b => b.Source == submittedExchange && b.Destination == retired);

        await using var intake = await StartAsync(Services.Intake, deployed);
        var after = await SubmitAndWaitDispatchedAsync(intake);
        await Eventually.TrueAsync(async () => (await InboxAsync(kb, after, "suggest-articles-for-ticket")).Count == Tickets, what: "the merged consumer to handle the new tickets");
        Assert.Empty(await InboxAsync(kb, after, retired));
        Assert.Equal(0u, await RabbitMqFixture.CountMessagesAsync(broker, retired));
        var ids = before.Values.Concat(after.Values).ToList();
        var recorded = await kb.InScopeAsync(s => s.GetRequiredService<KnowledgeBaseDbContext>().RequesterTickets.AsNoTracking()
            .Where(t => ids.Contains(t.TicketId)).Select(t => t.TicketId).ToListAsync());
        Assert.Equal(ids.Order(), recorded.Order());
    }

    /// <summary>The topology a version before the merge declared for <paramref name="queue"/>: event exchange → queue exchange → queue.</summary>
    private static async Task BindAsBeforeTheMergeAsync(string broker, string queue, string eventExchange)
    {
        var factory = new ConnectionFactory { Uri = new Uri(broker) };
        await using var connection = await factory.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        await channel.ExchangeDeclareAsync(eventExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: Ct);
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: Ct);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: Ct);
        await channel.QueueBindAsync(queue, queue, routingKey: "", cancellationToken: Ct);
        await channel.ExchangeBindAsync(destination: queue, source: eventExchange, routingKey: "", cancellationToken: Ct);
    }

    /// <summary>Submits <see cref="Tickets"/> tickets and waits until the outbox marked every TicketSubmitted dispatched; returns message id → ticket id.</summary>
    private static async Task<Dictionary<Guid, Guid>> SubmitAndWaitDispatchedAsync(ServiceTestHost intake)
    {
        var tickets = new List<Guid>();
        for (var i = 0; i < Tickets; i++)
        {
            var response = await intake.Client.PostAsJsonAsync("/api/v1/tickets", new
            {
                subject = $"Printer {i} jams on every page",
                description = "Paper jam light on, nothing printed.",
                requester = new { email = $"user{i}@example.org", name = $"User {i}" },
            }, TestJson.Options, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            tickets.Add((await response.Content.ReadFromJsonAsync<TicketId>(TestJson.Options, Ct))!.Id);
        }
        var type = typeof(TicketSubmitted).FullName + ",";
        return await Eventually.GetAsync(async () =>
        {
            var rows = await intake.InScopeAsync(s => s.GetRequiredService<IntakeDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => m.TicketId != null && tickets.Contains(m.TicketId.Value) && m.MessageType.StartsWith(type))
                .ToListAsync());
            return rows.Count == Tickets && rows.All(r => r.DispatchedAt != null) ? rows.ToDictionary(r => r.MessageId, r => r.TicketId!.Value) : null;
        }, what: "every TicketSubmitted published (confirmed by RabbitMQ)");
    }

    private static Task<List<Guid>> InboxAsync(ServiceTestHost host, Dictionary<Guid, Guid> submitted, string queue) =>
        host.InScopeAsync(async services =>
        {
            var db = (ServiceDbContext)services.GetRequiredService(host.GetRequiredService<DbContextKind>().Type);
            var ids = submitted.Keys.ToList();
            var consumers = await db.InboxMessages.AsNoTracking().Where(m => ids.Contains(m.MessageId)).ToListAsync();
            // Inbox consumer names are class names (RouteSubmittedTicket); queues are their kebab-case form.
            return consumers.Where(m => MassTransit.KebabCaseEndpointNameFormatter.Instance.SanitizeName(m.Consumer) == queue).Select(m => m.MessageId).ToList();
        });

    /// <summary>Message-type exchange → consumer exchange bindings whose consumer queue is durable (not a replica's temporary one).</summary>
    private async Task<HashSet<string>> ConsumerBindingsAsync(string broker)
    {
        var bindings = await rabbit.ListBindingsAsync(broker);
        var durableQueues = bindings.Where(b => b.DestinationKind == "queue" && b.Source == b.Destination).Select(b => b.Destination).ToHashSet(StringComparer.Ordinal);
        var temporary = new HashSet<string>(StringComparer.Ordinal);
        foreach (var queue in durableQueues)
        {
            if (!await IsDurableAsync(broker, queue))
            {
                temporary.Add(queue);
            }
        }
        return bindings
            .Where(b => b.DestinationKind == "exchange" && b.Source.Contains(':', StringComparison.Ordinal) && durableQueues.Contains(b.Destination) && !temporary.Contains(b.Destination))
            .Select(b => $"{b.Source} -> {b.Destination}")
            .ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<bool> QueueExistsAsync(string broker, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(broker) };
        await using var connection = await factory.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, Ct);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return false;
        }
    }

    /// <summary>A durable queue survives a redeclaration as durable; a temporary one refuses it (PRECONDITION_FAILED).</summary>
    private static async Task<bool> IsDurableAsync(string broker, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(broker) };
        await using var connection = await factory.CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: Ct);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return false;
        }
    }

    private async Task<Dictionary<string, string?>> SettingsAsync(bool deployTopology) => new()
    {
        ["ConnectionStrings:messaging"] = await rabbit.CreateVirtualHostAsync(),
        [$"ConnectionStrings:{IntakeExtensions.DatabaseName}"] = await postgres.CreateDatabaseAsync("intake"),
        [$"ConnectionStrings:{RoutingExtensions.DatabaseName}"] = await postgres.CreateDatabaseAsync("routing"),
        [$"ConnectionStrings:{SlaExtensions.DatabaseName}"] = await postgres.CreateDatabaseAsync("sla"),
        [$"ConnectionStrings:{NotificationsExtensions.DatabaseName}"] = await postgres.CreateDatabaseAsync("notifications"),
        [$"ConnectionStrings:{KnowledgeBaseExtensions.DatabaseName}"] = await postgres.CreateDatabaseAsync("kb"),
        ["HelpDesk:Outbox:PollInterval"] = "00:00:00.200",
        ["HelpDesk:Messaging:DeployPlatformTopology"] = deployTopology ? "true" : "false",
    };

    private static Task<ServiceTestHost> StartAsync(TestedService service, IDictionary<string, string?> settings) =>
        ServiceTestHost.StartAsync(service, settings);

    private sealed record TicketId(Guid Id);

    /// <summary>Which DbContext a host's inbox lives in.</summary>
    private sealed record DbContextKind(Type Type);

    private static class Services
    {
        public static readonly TestedService Intake = Of<IntakeDbContext>("intake", b => b.AddIntake(), a => a.MapIntake());
        public static readonly TestedService Routing = Of<RoutingDbContext>("routing", b => b.AddRouting(), a => a.MapRouting());
        public static readonly TestedService Sla = Of<SlaDbContext>("sla", b => b.AddSla(), a => a.MapSla());
        public static readonly TestedService Notifications = Of<NotificationsDbContext>("notifications", b => b.AddNotifications(), a => a.MapNotifications());
        public static readonly TestedService KnowledgeBase = Of<KnowledgeBaseDbContext>("kb", b => b.AddKnowledgeBase(), a => a.MapKnowledgeBase());

        private static TestedService Of<TContext>(string name, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder> add, Action<Microsoft.AspNetCore.Builder.WebApplication> map)
            where TContext : ServiceDbContext =>
            new(name, builder =>
            {
                add(builder);
                builder.Services.AddSingleton(new DbContextKind(typeof(TContext)));
            }, map);
    }
}

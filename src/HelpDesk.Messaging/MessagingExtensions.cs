using HelpDesk.Contracts;
using HelpDesk.Messaging.Concurrency;
using HelpDesk.Messaging.Diagnostics;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Messaging.Topology;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Messaging;

public static class MessagingExtensions
{
    /// <summary>Aspire's name for the broker connection string (ConnectionStrings__messaging).</summary>
    public const string ConnectionName = "messaging";

    /// <summary>
    /// Declares a service's consumers. Several services can be composed into one host (embedded mode), so
    /// consumers are collected here and the single bus is built by <see cref="AddHelpDeskBus"/>.
    /// </summary>
    public static IHostApplicationBuilder AddMessageConsumers(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> register)
    {
        var registrations = GetRegistrations(builder.Services);
        if (registrations.BusAdded)
        {
            throw new InvalidOperationException("Consumers must be declared before AddHelpDeskBus() builds the bus.");
        }
        registrations.Add(register);
        return builder;
    }

    /// <summary>
    /// Builds the bus once for the host: RabbitMQ when ConnectionStrings:messaging is set, otherwise the in-memory
    /// transport. Every endpoint retries with exponential back-off, then moves the message to its _error queue.
    /// </summary>
    public static IHostApplicationBuilder AddHelpDeskBus(this IHostApplicationBuilder builder)
    {
        var registrations = GetRegistrations(builder.Services);
        registrations.BusAdded = true;
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        var retry = builder.Configuration.GetSection("HelpDesk:Messaging:Retry").Get<RetrySettings>() ?? new RetrySettings();
        builder.AddPlatformTopology(connectionString);
        var slots = HandlerSlots.CountFrom(builder.Configuration.GetValue<int?>(HandlerSlots.Key),
            builder.Configuration.GetValue<int?>(ServiceDatabase.MaxPoolSizeKey) ?? ServiceDatabase.DefaultMaxPoolSize,
            onBroker: !string.IsNullOrWhiteSpace(connectionString));
        builder.Services.TryAddSingleton(new HandlerSlots(slots));

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // MassTransit 8.4+ reports the bus's configuration to usage-tracking.masstransit.io unless told not to: a
            // self-hosted desk (often without internet) sends nothing anywhere it was not configured to. An operator
            // may still opt in with MASSTRANSIT_USAGE_TELEMETRY=true.
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            foreach (var register in registrations)
            {
                register(bus);
            }

            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                // Outermost: a message beyond the replay window goes to _error at once, without spending retries.
                endpoint.UseConsumeFilter(typeof(ReplayWindowFilter<>), context);
                // Every log line of a ticket's processing carries its number (and the consume span its tag).
                endpoint.UseConsumeFilter(typeof(TicketLogScopeFilter<>), context);
                endpoint.UseMessageRetry(r =>
                {
                    r.Ignore<ReplayWindowExceededException>();
                    r.Exponential(retry.Limit, retry.MinInterval, retry.MaxInterval, retry.IntervalDelta);
                });
                // A lost write race (a concurrency token moved, a duplicate insert, a PostgreSQL serialization failure or
                // deadlock) is nobody's fault and goes away on fresh state: re-run at once with a little jitter, many
                // times, before the back-off above counts an attempt. Under load a hot row (an agent's open-ticket count)
                // could otherwise lose seven times in a row and park a hand-over in _error.
                endpoint.UseMessageRetry(r =>
                {
                    r.Handle<Exception>(WriteConflicts.IsConflict);
                    r.Exponential(WriteConflictRetry.Limit, WriteConflictRetry.MinInterval, WriteConflictRetry.MaxInterval, WriteConflictRetry.IntervalDelta);
                });
                // Inside the retries: each attempt takes a slot, a message waiting to retry holds none.
                endpoint.UseConsumeFilter(typeof(HandlerSlotFilter<>), context);
            });

            if (string.IsNullOrWhiteSpace(connectionString))
            {
                bus.UsingInMemory((context, transport) =>
                {
                    transport.Publish<ITicketEvent>(p => p.Exclude = true);
                    transport.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingRabbitMq((context, transport) =>
                {
                    transport.Host(new Uri(connectionString));
                    // A shape consumers share, not a message anyone subscribes to: no exchange for it.
                    transport.Publish<ITicketEvent>(p => p.Exclude = true);
                    transport.ConfigureEndpoints(context);
                });
            }
        });

        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            // Readiness waits for the broker; a service that cannot publish must not take traffic.
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }

    /// <summary>
    /// On RabbitMQ, declares every consumer queue of the platform at start-up (<see cref="PlatformTopology"/>), so an
    /// event published before its consumer service has ever run is kept for it. HelpDesk:Messaging:DeployPlatformTopology
    /// = false turns it off (only for tests that show what happens without it).
    /// </summary>
    private static void AddPlatformTopology(this IHostApplicationBuilder builder, string? connectionString)
    {
        var deploy = !string.IsNullOrWhiteSpace(connectionString) && builder.Configuration.GetValue("HelpDesk:Messaging:DeployPlatformTopology", true);
        var gate = new PlatformTopologyGate(required: deploy);
        builder.Services.RemoveAll<PlatformTopologyGate>();
        builder.Services.AddSingleton(gate);
        if (deploy)
        {
            builder.Services.AddHostedService(services => new PlatformTopologyDeployer(connectionString!, gate, services.GetRequiredService<ILogger<PlatformTopologyDeployer>>()));
            builder.Services.AddHealthChecks().AddCheck("messaging-topology", gate, tags: [ServiceDefaultsExtensions.ReadyTag]);
        }
    }

    private static ConsumerRegistrations GetRegistrations(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(ConsumerRegistrations))?.ImplementationInstance;
        if (existing is ConsumerRegistrations registrations)
        {
            return registrations;
        }
        registrations = [];
        services.AddSingleton(registrations);
        return registrations;
    }

    private sealed class ConsumerRegistrations : List<Action<IBusRegistrationConfigurator>>
    {
        public bool BusAdded { get; set; }
    }
}

using HelpDesk.LocalServers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.AppHost.Hosting;

/// <summary>How every HelpDesk project resource is wired: HTTP endpoint, /health for WaitFor, local state, shared settings.</summary>
public static class ServiceExtensions
{
    /// <summary>
    /// A HelpDesk service started from its build output (<see cref="BuiltProject{TProject}"/>): an HTTP endpoint (behind
    /// DCP's proxy, so a restarted process keeps its address; or on <paramref name="port"/> directly), health from /health
    /// (<see cref="PromptHealthChecks"/>), its data directory and the AppHost's "Services" settings.
    /// </summary>
    /// <param name="proxied">DCP's proxy on <paramref name="port"/> in front of the process(es): needed for replicas on a fixed port.</param>
    public static IResourceBuilder<ProjectResource> AddHelpDeskProject<TProject>(this IDistributedApplicationBuilder builder, string name, string dataDirectory, int? port = null, bool proxied = false)
        where TProject : IProjectMetadata, new() =>
        builder.AddBuiltProject<TProject>(name)
            .WithHttpEndpoint(port: port, isProxied: port is null || proxied)
            .WithPromptHttpHealthCheck("/health")
            .WithEnvironment("HelpDesk__DataDirectory", dataDirectory)
            .WithSharedSettings(builder.Configuration.GetSection("Services"))
            .WithoutTelemetryNobodyReceives(builder.Configuration.GetSection("Services"));

    /// <summary>
    /// A backend service of distributed mode: its own process and database, the broker, its own data directory, and the
    /// gateway routing to it; a service with a database gets its migrator (<see cref="MigratorExtensions"/>).
    /// Adding a service to the platform is one call of this in AppHost.cs.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddBackend<TProject>(
        this IDistributedApplicationBuilder builder, string name, HelpDeskRunOptions options, IResourceBuilder<ProjectResource> gateway,
        IResourceBuilder<IResourceWithConnectionString>? messaging, IResourceBuilder<IResourceWithConnectionString>? database)
        where TProject : IProjectMetadata, new()
    {
        // Every backend verifies the identity the gateway forwards (and Intake/Notifications share the reply secret).
        var dataDirectory = Path.Combine(options.DistributedDirectory, "services", name);
        var service = builder.AddHelpDeskProject<TProject>(name, dataDirectory)
            .WithLocalDefaults(() => LocalIdentity.ServiceSettings(options.DataDirectory));
        if (messaging is not null)
        {
            service.WithReference(messaging).WaitFor(messaging);
        }
        if (database is not null)
        {
            service.WithReference(database).WaitFor(database)
                .WithDatabaseMigrator<TProject>(database, dataDirectory);
        }
        gateway.WithReference(service).WaitFor(service);
        return service;
    }

    /// <summary>services__{name}__http__0 pointing at <paramref name="target"/>, for a service hosted under another resource's name.</summary>
    public static IResourceBuilder<ProjectResource> WithServiceAddress(this IResourceBuilder<ProjectResource> builder, string name, IResourceBuilder<ProjectResource> target) =>
        builder.WithEnvironment($"services__{name}__http__0", target.GetEndpoint("http"));

    /// <summary>No SMTP server configured: local runs keep every e-mail as an .eml file rather than failing to send it.</summary>
    public static IResourceBuilder<ProjectResource> WithMailPickup(this IResourceBuilder<ProjectResource> builder, HelpDeskRunOptions options)
    {
        var settings = builder.ApplicationBuilder.Configuration.GetSection("Services");
        return string.IsNullOrWhiteSpace(settings["Notifications:Email:Host"]) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("Notifications__Email__Host"))
            ? builder.WithEnvironment("Notifications__Email__PickupDirectory", options.MailDirectory)
            : builder;
    }

    /// <summary>
    /// Settings a local run generates (keys, secrets, demo people) as environment variables, computed at each start;
    /// a key the operator set in the AppHost's "Services" section wins. Published manifests take them from Secrets.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLocalDefaults(this IResourceBuilder<ProjectResource> builder, Func<IReadOnlyDictionary<string, string?>> settings)
    {
        var operatorSettings = builder.ApplicationBuilder.Configuration.GetSection("Services");
        return builder.WithEnvironment(context =>
        {
            foreach (var (key, value) in settings())
            {
                if (string.IsNullOrEmpty(operatorSettings[key]))
                {
                    context.EnvironmentVariables[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
                }
            }
        });
    }

    /// <summary>Every key of the AppHost's "Services" section (e.g. --Services:Logging:LogLevel:Default=Debug) as an environment variable.</summary>
    internal static IResourceBuilder<ProjectResource> WithSharedSettings(this IResourceBuilder<ProjectResource> builder, IConfigurationSection settings) =>
        builder.WithEnvironment(context =>
        {
            foreach (var (key, value) in settings.AsEnumerable(makePathsRelative: true))
            {
                if (value is not null)
                {
                    context.EnvironmentVariables[key.Replace(":", "__", StringComparison.Ordinal)] = value;
                }
            }
        });

    /// <summary>The variables Aspire sets on every project to send telemetry to its dashboard.</summary>
    public static readonly IReadOnlyList<string> DashboardTelemetryVariables =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_TRACES_SAMPLER",
        "OTEL_BLRP_SCHEDULE_DELAY", "OTEL_BSP_SCHEDULE_DELAY", "OTEL_METRIC_EXPORT_INTERVAL", "OTEL_METRICS_EXEMPLAR_FILTER",
    ];

    /// <summary>
    /// Aspire points every project at the dashboard's OTLP endpoint and asks for every trace (`OTEL_TRACES_SAMPLER=always_on`,
    /// exports every second) whether or not a dashboard runs. Without one (`--no-dashboard`, tests, benchmarks) nothing
    /// listens: every service recorded every span and log record and tried to send them to a closed port. Then those
    /// variables are dropped and services run as they do bare (no export; traces propagated, not recorded), unless the
    /// "Services" settings name a collector (`Services:OTEL_EXPORTER_OTLP_ENDPOINT`).
    /// </summary>
    internal static IResourceBuilder<ProjectResource> WithoutTelemetryNobodyReceives(this IResourceBuilder<ProjectResource> builder, IConfigurationSection settings) =>
        builder.WithEnvironment(context =>
        {
            if (!context.ExecutionContext.IsRunMode || !string.IsNullOrWhiteSpace(settings["OTEL_EXPORTER_OTLP_ENDPOINT"])
                || !context.ExecutionContext.Services.GetRequiredService<DistributedApplicationOptions>().DisableDashboard)
            {
                return;
            }
            foreach (var name in DashboardTelemetryVariables)
            {
                context.EnvironmentVariables.Remove(name);
            }
        });
}

using HelpDesk.Gateway;
using HelpDesk.Identity;
using HelpDesk.Intake;
using HelpDesk.KnowledgeBase;
using HelpDesk.LocalServers;
using HelpDesk.Messaging;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Notifications;
using HelpDesk.Routing;
using HelpDesk.Sla;

namespace HelpDesk.Embedded;

/// <summary>
/// The embedded composition: every backend service in one web app (one in-memory bus, since no broker is
/// configured; one SQLite file per service under HelpDesk:DataDirectory). The AppHost runs it as one project
/// resource behind the gateway resource; tests and load drivers start both in-process with <see cref="StartAsync"/>.
/// </summary>
public sealed class EmbeddedPlatform : IAsyncDisposable
{
    private EmbeddedPlatform(WebApplication services, WebApplication gateway)
    {
        Services = services;
        Gateway = gateway;
    }

    public WebApplication Services { get; }

    public WebApplication Gateway { get; }

    public Uri GatewayAddress => new(Gateway.Urls.First());

    public string ServicesUrl => Services.Urls.First();

    /// <summary>Adding a service to the embedded mode is one AddX/MapX pair here.</summary>
    public static WebApplication BuildServices(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddServiceDefaults();
        builder.AddIntake();
        builder.AddRouting();
        builder.AddKnowledgeBase();
        builder.AddSla();
        builder.AddNotifications();
        builder.AddHelpDeskBus();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIntake();
        app.MapRouting();
        app.MapKnowledgeBase();
        app.MapSla();
        app.MapNotifications();
        return app;
    }

    /// <summary>
    /// Both halves on free loopback ports: the services with their data under <paramref name="dataDirectory"/>, the
    /// gateway routing every service to them. <paramref name="args"/> reach both (e.g. --Gateway:ApiKeys:0:…); with no
    /// key configured, the gateway keeps its local developer key in DATA/gateway-api-key.
    /// </summary>
    public static Task<EmbeddedPlatform> StartAsync(string dataDirectory, string[] args, CancellationToken cancellationToken) =>
        StartAsync(dataDirectory, args, null, cancellationToken);

    /// <summary>As above, with <paramref name="configureServices"/> adding to the services' host (e.g. a test's log exporter).</summary>
    public static async Task<EmbeddedPlatform> StartAsync(string dataDirectory, string[] args, Action<WebApplicationBuilder>? configureServices, CancellationToken cancellationToken)
    {
        var services = BuildLocalServices(dataDirectory, args, configureServices);
        await services.StartAsync(cancellationToken);

        var gateway = BuildGateway(args, services.Urls.First(), dataDirectory);
        await gateway.StartAsync(cancellationToken);
        return new EmbeddedPlatform(services, gateway);
    }

    /// <summary>
    /// The services on a free loopback port with a local run's defaults: data and e-mail pickup under
    /// <paramref name="dataDirectory"/>, and the gateway's verification key and the reply secret from
    /// <see cref="LocalIdentity"/> unless <paramref name="args"/> set them.
    /// </summary>
    public static WebApplication BuildLocalServices(string dataDirectory, string[] args, Action<WebApplicationBuilder>? configureServices = null) => BuildServices(args, builder =>
    {
        builder.Configuration[PersistenceExtensions.DataDirectoryKey] = dataDirectory;
        builder.Configuration["Notifications:Email:PickupDirectory"] ??= Path.Combine(dataDirectory, "mail");
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        AddMissing(builder.Configuration, LocalIdentity.ServiceSettings(dataDirectory));
        configureServices?.Invoke(builder);
    });

    /// <summary>
    /// The gateway on a free loopback port, routing every service to <paramref name="servicesUrl"/>; with a
    /// <paramref name="dataDirectory"/>, its local developer key and the signing key of forwarded identities live there.
    /// </summary>
    public static WebApplication BuildGateway(string[] args, string servicesUrl, string? dataDirectory = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = "HelpDesk.Gateway" });
        foreach (var name in new[] { "intake", "routing", "kb", "sla", "notifications" })
        {
            builder.Configuration[$"services:{name}:http:0"] = servicesUrl;
        }
        if (dataDirectory is not null)
        {
            builder.Configuration["Gateway:LocalKeyFile"] ??= LocalKeyFile(dataDirectory);
            AddMissing(builder.Configuration, LocalIdentity.GatewaySettings(dataDirectory, issuer: null));
        }
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddGateway();
        var gateway = builder.Build();
        gateway.MapDefaultEndpoints();
        gateway.MapGateway();
        return gateway;
    }

    /// <summary>
    /// The identity service on a free loopback port (the AppHost runs it as its own resource; tests start it here),
    /// issuing tokens as <paramref name="issuer"/>, with the demo people unless <paramref name="args"/> configure people.
    /// </summary>
    public static WebApplication BuildIdentity(string dataDirectory, Uri issuer, string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = "HelpDesk.Identity" });
        builder.Configuration[PersistenceExtensions.DataDirectoryKey] = dataDirectory;
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        AddMissing(builder.Configuration, LocalIdentity.IdentitySettings(dataDirectory, issuer, !LocalIdentity.OperatorConfiguresPeople(builder.Configuration)));
        builder.AddServiceDefaults();
        builder.AddIdentityService();
        builder.AddHelpDeskBus();
        var identity = builder.Build();
        identity.MapDefaultEndpoints();
        identity.MapIdentityService();
        return identity;
    }

    /// <summary>Where the gateway keeps the local developer key of a data directory.</summary>
    public static string LocalKeyFile(string dataDirectory) => Path.Combine(dataDirectory, "gateway-api-key");

    /// <summary>Local defaults never override what the operator set through arguments or environment.</summary>
    private static void AddMissing(ConfigurationManager configuration, Dictionary<string, string?> settings)
    {
        foreach (var (key, value) in settings)
        {
            if (string.IsNullOrEmpty(configuration[key]))
            {
                configuration[key] = value;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Gateway.StopAsync(timeout.Token);
        await Services.StopAsync(timeout.Token);
        await Gateway.DisposeAsync();
        await Services.DisposeAsync();
    }
}

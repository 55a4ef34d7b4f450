using HelpDesk.Gateway;
using HelpDesk.Identity;
using HelpDesk.Intake;
using HelpDesk.KnowledgeBase;
using HelpDesk.Messaging;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Notifications;
using HelpDesk.Routing;
using HelpDesk.Sla;

namespace HelpDesk.AppHost;

/// <summary>
/// The whole platform in one process: every service composed into one web app on a private loopback port
/// (one in-memory bus, one SQLite file per service), and the gateway in front of it on the public port.
/// </summary>
public static class EmbeddedHost
{
    public static async Task<int> RunAsync(AppHostOptions options, CancellationToken stop)
    {
        Directory.CreateDirectory(options.DataDirectory);
        await using var services = BuildServices(options);
        await services.StartAsync(stop);
        var servicesUrl = services.Urls.First();

        // The identity service issues tokens under the gateway's public address, so it needs the port before the gateway starts.
        var gatewayPort = options.GatewayPort == 0 ? Resources.FreePort.Next() : options.GatewayPort;
        var issuer = new Uri($"http://localhost:{gatewayPort}/");
        await using var identity = BuildIdentity(options, issuer);
        await identity.StartAsync(stop);

        await using var gateway = BuildGateway(options with { GatewayPort = gatewayPort }, servicesUrl, identity.Urls.First(), issuer);
        await gateway.StartAsync(stop);
        var localKey = LocalApiKey.IsConfiguredBy(gateway.Configuration) && !UsesLocalKey(gateway.Configuration) ? null : LocalApiKey.Ensure(options.DataDirectory);

        Console.WriteLine();
        Console.WriteLine("HelpDesk is running (embedded: one process, in-memory bus, SQLite).");
        Console.WriteLine($"  gateway    {string.Join(", ", gateway.Urls)}");
        Console.WriteLine($"  API docs   {gateway.Urls.First()}/scalar (per service: {servicesUrl}/scalar)");
        Console.WriteLine($"  data       {options.DataDirectory}");
        if (localKey is not null)
        {
            Console.WriteLine($"  e-mail     {LocalMail.PickupDirectory(options.DataDirectory)} (.eml files; set Notifications__Email__Host to send)");
            Console.WriteLine($"  API key    {localKey}  (X-Api-Key header; saved in {Path.Combine(options.DataDirectory, LocalApiKey.FileName)})");
        }
        Console.WriteLine($"  sign-in    {issuer}connect/authorize (OpenID Connect issuer {issuer})");
        if (!LocalIdentity.OperatorConfiguresPeople(identity.Configuration))
        {
            Console.WriteLine($"  people     demo accounts (saved in {Path.Combine(options.DataDirectory, LocalIdentity.DemoUsersFileName)}):");
            foreach (var line in LocalIdentity.DemoPeopleSummary(options.DataDirectory))
            {
                Console.WriteLine($"             {line}");
            }
        }
        Console.WriteLine("Press Ctrl+C to stop.");

        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine("Stopping…");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await gateway.StopAsync(timeout.Token);
        await identity.StopAsync(timeout.Token);
        await services.StopAsync(timeout.Token);
        return 0;
    }

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

    private static bool UsesLocalKey(IConfiguration configuration) =>
        configuration["Gateway:ApiKeys:0:Id"] == LocalApiKey.KeyId;

    public static WebApplication BuildServices(AppHostOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.ServiceArgs,
            // The AppHost's appsettings.json (log levels) sits beside the assembly, wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration[PersistenceExtensions.DataDirectoryKey] = options.DataDirectory;
        if (string.IsNullOrWhiteSpace(builder.Configuration["Notifications:Email:Host"]))
        {
            // No SMTP server locally: keep every e-mail as an .eml file rather than failing to send it.
            builder.Configuration["Notifications:Email:PickupDirectory"] ??= LocalMail.PickupDirectory(options.DataDirectory);
        }
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        AddMissing(builder.Configuration, LocalIdentity.ServiceSettings(options.DataDirectory));

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

    /// <summary>The identity service on its own loopback port, issuing tokens as <paramref name="issuer"/> (the gateway's URL).</summary>
    public static WebApplication BuildIdentity(AppHostOptions options, Uri issuer)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.ServiceArgs,
            ApplicationName = "HelpDesk.Identity",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration[PersistenceExtensions.DataDirectoryKey] = options.DataDirectory;
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        AddMissing(builder.Configuration, LocalIdentity.IdentitySettings(options.DataDirectory, issuer, !LocalIdentity.OperatorConfiguresPeople(builder.Configuration)));

        builder.AddServiceDefaults();
        builder.AddIdentityService();
        builder.AddHelpDeskBus();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIdentityService();
        return app;
    }

    public static WebApplication BuildGateway(AppHostOptions options, string servicesUrl, string? identityUrl = null, Uri? issuer = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.ServiceArgs,
            ApplicationName = "HelpDesk.Gateway",
            ContentRootPath = AppContext.BaseDirectory,
        });
        foreach (var name in Topology.Gateway.References)
        {
            builder.Configuration[$"services:{name}:http:0"] = name == Topology.Identity.Name && identityUrl is not null ? identityUrl : servicesUrl;
        }
        AddMissing(builder.Configuration, LocalIdentity.GatewaySettings(options.DataDirectory, issuer));
        // Port 0 (tests) must bind an explicit address; a real port listens on localhost (IPv4 and IPv6).
        builder.WebHost.UseUrls(options.GatewayPort == 0 ? "http://127.0.0.1:0" : $"http://localhost:{options.GatewayPort}");
        if (!LocalApiKey.IsConfiguredBy(builder.Configuration))
        {
            builder.Configuration.AddInMemoryCollection(LocalApiKey.GatewaySettings(LocalApiKey.Ensure(options.DataDirectory)));
        }

        builder.AddServiceDefaults();
        builder.AddGateway();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGateway();
        return app;
    }
}

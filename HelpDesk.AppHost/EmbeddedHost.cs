using HelpDesk.Gateway;
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

        await using var gateway = BuildGateway(options, servicesUrl);
        await gateway.StartAsync(stop);

        Console.WriteLine();
        Console.WriteLine("HelpDesk is running (embedded: one process, in-memory bus, SQLite).");
        Console.WriteLine($"  gateway    {string.Join(", ", gateway.Urls)}");
        Console.WriteLine($"  API docs   {gateway.Urls.First()}/scalar (per service: {servicesUrl}/scalar)");
        Console.WriteLine($"  data       {options.DataDirectory}");
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
        await services.StopAsync(timeout.Token);
        return 0;
    }

    public static WebApplication BuildServices(AppHostOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.ServiceArgs,
            // The AppHost's appsettings.json (log levels) sits beside the assembly, wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration[PersistenceExtensions.DataDirectoryKey] = options.DataDirectory;
        builder.WebHost.UseUrls("http://127.0.0.1:0");

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

    public static WebApplication BuildGateway(AppHostOptions options, string servicesUrl)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.ServiceArgs,
            ApplicationName = "HelpDesk.Gateway",
            ContentRootPath = AppContext.BaseDirectory,
        });
        foreach (var name in Topology.Gateway.References)
        {
            builder.Configuration[$"services:{name}:http:0"] = servicesUrl;
        }
        // Port 0 (tests) must bind an explicit address; a real port listens on localhost (IPv4 and IPv6).
        builder.WebHost.UseUrls(options.GatewayPort == 0 ? "http://127.0.0.1:0" : $"http://localhost:{options.GatewayPort}");

        builder.AddServiceDefaults();
        builder.AddGateway();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGateway();
        return app;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace HelpDesk.Benchmarks.Gateway;

/// <summary>
/// YARP and nothing else (no authentication, rate limiting, transforms, telemetry): one catch-all route to the upstream.
/// Measured beside the gateway in the same run and with the same client, it is the floor the gateway's own features
/// add to.
/// </summary>
public static class BareYarp
{
    public static WebApplication Build(Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // No logging at all: the bin directory's appsettings.json would otherwise log every forwarded request.
        builder.Logging.ClearProviders();
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "upstream", Match = new RouteMatch { Path = "{**catch-all}" } }],
            [new ClusterConfig { ClusterId = "upstream", Destinations = new Dictionary<string, DestinationConfig> { ["one"] = new() { Address = upstream.ToString() } } }]);
        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }
}

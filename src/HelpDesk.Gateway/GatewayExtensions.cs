using Microsoft.Extensions.Configuration.Json;

namespace HelpDesk.Gateway;

public static class GatewayExtensions
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        AddDefaultRoutes(builder.Configuration);
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<ServiceDiscoveryDestinationFilter>();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapReverseProxy();
        return app;
    }

    /// <summary>The shipped routes sit below every other configuration source, so any of them can override a route.</summary>
    private static void AddDefaultRoutes(IConfigurationManager configuration)
    {
        var routes = typeof(GatewayExtensions).Assembly.GetManifestResourceStream("gateway.routes.json")
            ?? throw new InvalidOperationException("gateway.routes.json is missing from the gateway assembly.");
        var source = new JsonStreamConfigurationSource { Stream = routes };
        configuration.Sources.Insert(0, source);
    }
}

using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Gateway.Pipeline;
using HelpDesk.Gateway.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Yarp.ReverseProxy.Transforms;

namespace HelpDesk.Gateway;

public static class GatewayExtensions
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        // The web route first: the shipped routes' source is a stream, read once, so it must be the last source inserted.
        WebAppRoute.AddIfConfigured(builder.Configuration);
        AddDefaultRoutes(builder.Configuration);

        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.AddGatewayAuthentication();
        builder.Services.AddOptions<ServiceTokenOptions>().BindConfiguration(ServiceTokenOptions.Section);
        builder.Services.AddSingleton<ServiceTokenSigner>();
        builder.Services.AddGatewayRateLimiting();
        builder.Services.AddSingleton<IConfigureOptions<ScalarOptions>, ServiceDocumentsScalarOptions>();

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<ServiceDiscoveryDestinationFilter>()
            .AddConfigFilter<GatewayRouteFilter>()
            .AddTransforms(context =>
            {
                var signer = context.Services.GetRequiredService<ServiceTokenSigner>();
                context.AddRequestTransform(transform => IdentityHeadersTransform.ApplyAsync(transform, signer));
            });
        return builder;
    }

    /// <summary>
    /// Order matters: correlation id and header stripping first (so every answer, even a 401, carries the id),
    /// then the key, then the per-key limiter, then the proxy with its scope and body checks.
    /// </summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        // Resolving the store here issues (and logs) the start-up key, if any, before the first request.
        app.Services.GetRequiredService<ApiKeyStore>();
        app.Services.GetRequiredService<ServiceTokenSigner>();

        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(GatewayProxyPipeline.DescribeForwarderErrorsAsync);
            proxy.Use(GatewayProxyPipeline.AuthorizeAsync);
            proxy.Use(GatewayProxyPipeline.LimitBodyAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
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

using HelpDesk.ServiceDefaults;
using HelpDesk.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every HelpDesk service gets: telemetry, health, service discovery, HTTP resilience, problem details and the
/// caller identity of the HTTP kit (HelpDesk.ServiceDefaults.Http).
/// Kept in the shape of Aspire's ServiceDefaults so a real Aspire AppHost could drive the same services.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.AddHelpDeskProblemDetails();
        // Who is calling: only what a verified service token says (AddServiceAuthentication); no header is trusted.
        builder.Services.TryAddSingleton<ICallerResolver, ServiceTokenCallerResolver>();
        // One convention for every OpenAPI document (HelpDesk.ServiceDefaults.OpenApi, docs/api.md).
        builder.Services.AddHelpDeskOpenApi();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // OTLP only when an endpoint is configured, as in Aspire: nothing to install for a local run. Without one, logs
        // and metrics have nowhere to go (no provider formats or aggregates them) and traces are not recorded
        // (TelemetrySampling): in the embedded process every service's provider would otherwise fill in every span.
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                if (TelemetrySampling.For(builder.Configuration, exporting) is { } sampler)
                {
                    tracing.SetSampler(sampler);
                }
                tracing
                    .AddSource(builder.Environment.ApplicationName)
                    .AddSource(HelpDeskTelemetry.ActivitySourceName)
                    .AddSource("MassTransit")
                    .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/alive"))
                    .AddHttpClientInstrumentation();
            });
        if (exporting)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });
            telemetry
                .WithMetrics(metrics => metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(HelpDeskTelemetry.MeterName)
                    .AddMeter("MassTransit"))
                .UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>/alive answers while the process runs; /health answers only when dependencies (broker, database) are reachable.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Open to probes and API readers even where services refuse every unverified request (no data, no exception text).
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        return app;
    }
}

using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace HelpDesk.ServiceDefaults;

/// <summary>
/// Which traces are recorded. With no OTLP endpoint nothing would export them, so by default none is: spans are still
/// created for propagation (trace ids, <c>traceparent</c> on HTTP and in the outbox) but instrumentation skips filling
/// them in. <c>HelpDesk:Telemetry:TraceSampleRatio</c> (0–1) sets the share of new traces recorded (default 1 with an
/// endpoint); a recorded parent is always followed. The standard <c>OTEL_TRACES_SAMPLER</c> takes precedence.
/// </summary>
public static class TelemetrySampling
{
    public const string RatioKey = "HelpDesk:Telemetry:TraceSampleRatio";

    /// <summary>The sampler to set, or null when OTEL_TRACES_SAMPLER chooses one.</summary>
    public static Sampler? For(IConfiguration configuration, bool exporting)
    {
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_TRACES_SAMPLER"]))
        {
            return null;
        }
        var ratio = configuration.GetValue<double?>(RatioKey) ?? (exporting ? 1.0 : 0.0);
        if (ratio is < 0 or > 1 || double.IsNaN(ratio))
        {
            throw new InvalidOperationException($"{RatioKey} must be between 0 and 1.");
        }
        Sampler root = ratio switch
        {
            >= 1 => new AlwaysOnSampler(),
            <= 0 => new AlwaysOffSampler(),
            _ => new TraceIdRatioBasedSampler(ratio),
        };
        return new ParentBasedSampler(root);
    }
}

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpDesk.AppHost.Hosting;

/// <summary>
/// Health checks that notice health within a tenth of a second. Aspire's health loop (ResourceHealthCheckService)
/// re-checks an unhealthy resource after 1, 2, 3, 4, then 5 s, so a service healthy just after a check is seen up to
/// 5 s later, and every WaitFor along the chain (database → migrator → service → gateway) adds such a delay. A prompt
/// check probes every 100 ms for up to 5 s within one call of that loop; once healthy it answers at the first probe,
/// so the loop's 30 s rhythm for healthy resources is unchanged.
/// </summary>
public static class PromptHealthChecks
{
    /// <summary>Time between two probes of one check.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one check keeps probing an unhealthy resource before it reports the last answer.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    // One client for every HTTP probe; a probe that hangs is cut off so the loop keeps its rhythm.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>A health check named <paramref name="key"/> that retries <paramref name="probe"/> until it is healthy (see the class).</summary>
    public static IResourceBuilder<T> WithPromptHealthCheck<T>(this IResourceBuilder<T> builder, string key, Func<CancellationToken, Task<HealthCheckResult>> probe)
        where T : IResource
    {
        builder.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, cancellationToken => UntilHealthyAsync(probe, cancellationToken));
        return builder.WithHealthCheck(key);
    }

    /// <summary>Healthy when GET <paramref name="path"/> on the resource's "http" endpoint answers 200 (what WithHttpHealthCheck checks).</summary>
    public static IResourceBuilder<T> WithPromptHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path)
        where T : IResourceWithEndpoints
    {
        var endpoint = builder.GetEndpoint("http");
        return builder.WithPromptHealthCheck($"{builder.Resource.Name}_http_{path}_check", async cancellationToken =>
        {
            // Read at each probe: the endpoint is allocated only when the application starts.
            var uri = new Uri(new Uri(endpoint.Url), path);
            try
            {
                using var response = await Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                return response.StatusCode == System.Net.HttpStatusCode.OK
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"GET {uri} answered {(int)response.StatusCode}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"GET {uri} failed: {ex.Message}", ex);
            }
        });
    }

    /// <summary>Probes until healthy or until <see cref="Patience"/> has passed, then returns the last answer.</summary>
    public static async Task<HealthCheckResult> UntilHealthyAsync(Func<CancellationToken, Task<HealthCheckResult>> probe, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var result = await probe(cancellationToken);
            if (result.Status == HealthStatus.Healthy || Stopwatch.GetElapsedTime(started) + Interval >= Patience)
            {
                return result;
            }
            await Task.Delay(Interval, cancellationToken);
        }
    }
}

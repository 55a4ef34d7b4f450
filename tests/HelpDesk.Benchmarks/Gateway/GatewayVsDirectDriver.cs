using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.Embedded;
using HelpDesk.Gateway.Security;
using HelpDesk.LocalServers;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Benchmarks.Gateway;

/// <summary>
/// Accepted tickets per second and latency percentiles for ticket submission through the gateway (API key,
/// scope check, rate limiter, identity headers, proxy hop) against the same requests sent straight to the services.
/// Embedded by default (the platform is started in this process, and a bare YARP route to the same upstream is measured
/// beside them, with CPU per request); pass --gateway/--direct/--key to measure a platform that is already running.
/// </summary>
public sealed class GatewayVsDirectDriver : ILoadDriver
{
    private const string BenchmarkKey = "hdk_benchmark_0123456789abcdefghijklmnopqrstuvwxyz";

    private static readonly Lazy<Flow.FlowCorpus> Mix = new(() => Flow.FlowCorpus.Load(storm: false));

    public string Name => "gateway-vs-direct";

    public string Description => "ticket submissions/s and p50/p99 via the gateway vs straight to the services (with a service token) [--requests 2000 --concurrency 16 --rounds 1 --upstream intake|echo]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var settings = Settings.Parse(args);
        if (settings is null)
        {
            Console.Error.WriteLine("usage: gateway-vs-direct [--requests N] [--concurrency C] [--rounds R] [--warmup W] [--upstream intake|echo] [--gateway URL --direct URL --key KEY --signing-key PEM-FILE]");
            return 2;
        }

        if (settings.GatewayUrl is not null)
        {
            Console.WriteLine($"Running platform: gateway {settings.GatewayUrl}, services {settings.DirectUrl}");
            // The gateway's private key (the AppHost keeps it in .helpdesk-data/service-token-key.pem): services refuse
            // a direct call without a token it signed.
            var pem = await File.ReadAllTextAsync(settings.SigningKeyFile!, cancellationToken);
            await MeasureAsync(settings, new Uri(settings.GatewayUrl), new Uri(settings.DirectUrl!), settings.Key!, pem, cancellationToken);
            return 0;
        }

        using var data = new TempDirectory("helpdesk-bench-gateway");
        string[] serviceArgs =
        [
            "--Gateway:ApiKeys:0:Id=benchmark", "--Gateway:ApiKeys:0:Channel=api",
            "--Gateway:ApiKeys:0:Scopes:0=tickets:write",
            $"--Gateway:ApiKeys:0:KeyHash={ApiKeyHash.Compute(BenchmarkKey, null)}",
            // The measurement is of the request path, not of the limiter refusing it.
            "--Gateway:ApiKeys:0:RateLimitPerMinute=100000000",
            "--Logging:LogLevel:Default=Warning",
        ];
        await using var services = settings.Upstream == "echo" ? BuildEchoUpstream() : EmbeddedPlatform.BuildLocalServices(data.Path, serviceArgs);
        await services.StartAsync(cancellationToken);
        await using var gateway = EmbeddedPlatform.BuildGateway(serviceArgs, services.Urls.First(), data.Path);
        await gateway.StartAsync(cancellationToken);
        Console.WriteLine(settings.Upstream == "echo"
            ? $"Gateway {gateway.Urls.First()} in front of a trivial upstream {services.Urls.First()} (isolates the gateway's own cost)"
            : $"Embedded platform: gateway {gateway.Urls.First()}, services {services.Urls.First()}, data {data.Path}");

        await using var bare = BareYarp.Build(new Uri(services.Urls.First()));
        await bare.StartAsync(cancellationToken);
        await MeasureAsync(settings, new Uri(gateway.Urls.First()), new Uri(services.Urls.First()), BenchmarkKey,
            LocalIdentity.EnsureSigningKey(data.Path), cancellationToken, new Uri(bare.Urls.First()));

        await bare.StopAsync(cancellationToken);
        await gateway.StopAsync(cancellationToken);
        await services.StopAsync(cancellationToken);
        return 0;
    }

    /// <summary>An upstream that accepts any ticket at once: what remains is the gateway's own cost per request.</summary>
    private static WebApplication BuildEchoUpstream()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapPost("/api/v1/tickets", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Created($"/api/v1/tickets/{Guid.NewGuid()}", new { status = "New" });
        });
        return app;
    }

    /// <param name="bareUrl">A bare YARP proxy in front of the same upstream (embedded runs); it gets the direct path's headers.</param>
    private static async Task MeasureAsync(Settings settings, Uri gatewayUrl, Uri directUrl, string key, string signingKeyPem, CancellationToken cancellationToken, Uri? bareUrl = null)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var viaGateway = new Target("via gateway", gatewayUrl, request => request.Headers.Add("X-Api-Key", key));
        // Straight to the services with the service token the gateway would have forwarded for this key (the services
        // verify it the same way), so both paths do the same work downstream; the gateway's signing is its own cost.
        var token = new BenchmarkServiceToken(signingKeyPem, BenchmarkServiceToken.ChannelCaller("benchmark", "api", "tickets:write"));
        var direct = new Target("direct", directUrl, request =>
        {
            request.Headers.Authorization = token.Header();
            request.Headers.Add("X-Correlation-Id", Guid.NewGuid().ToString("N"));
        });

        Target[] targets = bareUrl is null ? [direct, viaGateway] : [direct, new Target("bare YARP", bareUrl, direct.Prepare), viaGateway];
        Console.WriteLine($"{settings.Requests} ticket submissions per run, concurrency {settings.Concurrency}, {settings.Rounds} round(s), warm-up {settings.Warmup}");
        foreach (var target in targets)
        {
            await RunAsync(client, target, settings.Warmup, settings.Concurrency, cancellationToken);
        }

        var results = new List<Result>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            // Alternate the order so no path always runs on a fuller database.
            var order = round % 2 == 1 ? targets : [.. targets.Reverse()];
            foreach (var target in order)
            {
                var result = await RunAsync(client, target, settings.Requests, settings.Concurrency, cancellationToken);
                results.Add(result);
                Console.WriteLine($"  round {round} {result}");
            }
        }

        Console.WriteLine();
        // CPU of this whole process (client, proxy and, when embedded, the upstream) per request: the proxies' own
        // cost is their figure minus the direct path's.
        Console.WriteLine($"{"path",-12} {"accepted/s",11} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"CPU-ms/req",11} {"over direct",12}");
        var directCpu = results.Where(r => r.Target == direct.Name).Sum(r => r.CpuMs) / Math.Max(1, results.Where(r => r.Target == direct.Name).Sum(r => r.Accepted + r.Errors));
        foreach (var group in results.GroupBy(r => r.Target))
        {
            var latencies = group.SelectMany(r => r.LatenciesMs).Order().ToArray();
            var accepted = group.Sum(r => r.Accepted);
            var seconds = group.Sum(r => r.Elapsed.TotalSeconds);
            var cpu = group.Sum(r => r.CpuMs) / Math.Max(1, group.Sum(r => r.Accepted + r.Errors));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key,-12} {accepted / seconds,11:F0} {Percentile(latencies, 0.50),8:F2} {Percentile(latencies, 0.99),8:F2} {group.Sum(r => r.Errors),7} {cpu,11:F3} {cpu - directCpu,12:F3}"));
        }
        Console.WriteLine($"load average: {Flow.TicketFlowDriver.LoadAverage()}");
    }

    private static async Task<Result> RunAsync(HttpClient client, Target target, int requests, int concurrency, CancellationToken cancellationToken)
    {
        var latencies = new double[requests];
        var next = -1;
        var accepted = 0;
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target.BaseUrl, "/api/v1/tickets"))
                {
                    // ticket-flow's mix of real tickets: one text for all would make every run an alert storm downstream.
                    Content = new StringContent(Mix.Value.BodyFor("", i), System.Text.Encoding.UTF8, "application/json"),
                };
                target.Prepare(request);
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request, cancellationToken);
                    if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref accepted);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                latencies[i] = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        return new Result(target.Name, accepted, errors, Stopwatch.GetElapsedTime(started), latencies, cpuMs);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed record Target(string Name, Uri BaseUrl, Action<HttpRequestMessage> Prepare);

    private sealed record Result(string Target, int Accepted, int Errors, TimeSpan Elapsed, double[] LatenciesMs, double CpuMs)
    {
        public override string ToString()
        {
            var sorted = LatenciesMs.Order().ToArray();
            return string.Create(CultureInfo.InvariantCulture,
                $"{Target,-12} {Accepted / Elapsed.TotalSeconds,8:F0} accepted/s  p50 {Percentile(sorted, 0.5):F2} ms  p99 {Percentile(sorted, 0.99):F2} ms  errors {Errors}");
        }
    }

    private sealed record Settings(int Requests, int Concurrency, int Rounds, int Warmup, string Upstream, string? GatewayUrl, string? DirectUrl, string? Key, string? SigningKeyFile)
    {
        public static Settings? Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    return null;
                }
                values[args[i][2..]] = args[i + 1];
            }
            int Int(string name, int fallback) => values.TryGetValue(name, out var v) && int.TryParse(v, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
            var settings = new Settings(
                Int("requests", 2000), Int("concurrency", 16), Int("rounds", 1), Int("warmup", 100),
                values.GetValueOrDefault("upstream") ?? "intake",
                values.GetValueOrDefault("gateway"), values.GetValueOrDefault("direct"), values.GetValueOrDefault("key"),
                values.GetValueOrDefault("signing-key"));
            var external = new[] { settings.GatewayUrl, settings.DirectUrl, settings.Key, settings.SigningKeyFile }.Count(v => v is not null);
            return args.Length % 2 == 0 && external is 0 or 4 && settings.Upstream is "intake" or "echo" ? settings : null;
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.Intake;
using HelpDesk.Testing;

namespace HelpDesk.Benchmarks.Intake;

/// <summary>
/// Submits tickets straight to an embedded Intake (SQLite, in-memory bus, real loopback HTTP) with bounded
/// concurrency and a share of retried Idempotency-Keys; reports accepted tickets/s and latency percentiles.
/// Options: --count N (2000) --concurrency C (64) --duplicates FRACTION (0.1) --warmup N (100) --data DIR (temp dir).
/// </summary>
public sealed class IntakeSubmitDriver : ILoadDriver
{
    public string Name => "intake-submit";

    public string Description => "POST /api/v1/tickets directly against embedded Intake: accepted tickets/s, p50/p99 latency";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = IntOption(args, "--count", 2000);
        var concurrency = IntOption(args, "--concurrency", 64);
        var warmup = IntOption(args, "--warmup", 100);
        var duplicates = double.Parse(Option(args, "--duplicates") ?? "0.1", CultureInfo.InvariantCulture);
        var dataOption = Option(args, "--data");
        using var temp = dataOption is null ? new TempDirectory("helpdesk-bench-intake") : null;
        var data = dataOption ?? temp!.Path;
        Directory.CreateDirectory(data);

        await using var host = await ServiceTestHost.StartAsync(
            new TestedService("intake", b => b.AddIntake(), app => app.MapIntake()),
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error", ["Logging:LogLevel:HelpDesk"] = "Error" },
            data);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        // Straight to the service: with the service token the gateway would have forwarded (services refuse calls without one).
        client.DefaultRequestHeaders.Authorization = TestCallers.HeaderFor(TestCallers.Platform);

        Console.WriteLine($"intake-submit: {count} submissions, {concurrency} in flight, {duplicates:P0} retried keys, data in {data}");
        await RunBatchAsync(client, "warmup", warmup, concurrency, 0, cancellationToken);

        var random = new Random(42);
        var distinct = Math.Max(1, (int)Math.Round(count * (1 - duplicates)));
        var keys = Enumerable.Range(0, distinct).Concat(Enumerable.Range(0, count - distinct).Select(_ => random.Next(distinct))).ToArray();
        random.Shuffle(keys);

        var latencies = new double[keys.Length];
        var created = 0;
        var replayed = 0;
        var failed = 0;
        var index = -1;
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (key, token) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await SubmitAsync(client, "run", key, token);
            var slot = Interlocked.Increment(ref index);
            latencies[slot] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Created) Interlocked.Increment(ref failed);
            else if (response.Headers.Contains("Idempotent-Replayed")) Interlocked.Increment(ref replayed);
            else Interlocked.Increment(ref created);
        });
        wall.Stop();

        Array.Sort(latencies);
        var seconds = wall.Elapsed.TotalSeconds;
        Console.WriteLine($"requests        {keys.Length} in {seconds:F1} s ({keys.Length / seconds:F0} req/s)");
        Console.WriteLine($"accepted        {created} new tickets ({created / seconds:F0} tickets/s), {replayed} idempotent replays, {failed} failures");
        Console.WriteLine($"latency ms      p50 {Percentile(latencies, 0.50):F1}  p90 {Percentile(latencies, 0.90):F1}  p99 {Percentile(latencies, 0.99):F1}  max {latencies[^1]:F1}");
        return failed == 0 ? 0 : 1;
    }

    private static async Task RunBatchAsync(HttpClient client, string prefix, int count, int concurrency, int offset, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(Enumerable.Range(offset, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (key, token) => (await SubmitAsync(client, prefix, key, token)).Dispose());

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string prefix, int key, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
        {
            Content = JsonContent.Create(new
            {
                subject = $"Benchmark ticket {key}",
                description = "The VPN disconnects every hour since this morning; reconnecting works for a while.",
                requester = new { email = $"user{key % 500}@example.org", name = "Load Test" },
                impact = "Medium",
                urgency = "High",
                tags = new List<string> { "benchmark", "vpn" },
            }),
        };
        request.Headers.Add("Idempotency-Key", $"{prefix}-{key}");
        return client.SendAsync(request, cancellationToken);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;
using HelpDesk.Testing.Web;

namespace HelpDesk.Benchmarks.Web;

/// <summary>
/// Server time of the web app's two busiest pages with a full database: starts the platform as users do (the AppHost,
/// embedded mode), files --tickets tickets through the gateway, signs in a requester and an agent over HTTP, then
/// requests the portal home (ada) and the agent's ticket view (grace, over 50 tickets of her queues) open-loop at
/// --rate per second each for --seconds. Latency is measured from each request's scheduled start (no coordinated
/// omission) at the client on loopback: the page's whole server time, including its calls through the gateway.
/// A page that is not a 200 (or ends at the sign-in) counts as an error, listed by status.
/// Then the first contentful paint of both pages in chromium (<see cref="FirstPaint"/>), --paints loads each.
/// Options: --tickets N (10000) --rate R (10) --seconds S (60) --paints N (20) --data DIR (temp).
/// </summary>
public sealed partial class WebPagesDriver : ILoadDriver
{
    public string Name => "web-pages";

    public string Description => "Portal home and agent ticket view with N tickets in the database: open-loop p50/p95/p99 server time, then first contentful paint in chromium";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var tickets = IntOption(args, "--tickets", 10_000);
        var rate = IntOption(args, "--rate", 10);
        var seconds = IntOption(args, "--seconds", 60);
        var dataOption = Option(args, "--data");
        using var temp = dataOption is null ? new TempDirectory("helpdesk-bench-web") : null;
        var data = dataOption ?? temp!.Path;

        var port = InfrastructureRequirement.FreeLoopbackPort();
        // One person opening --rate ticket pages a second makes ~6 API calls each, far over a person's gateway limit
        // (Gateway:PersonRateLimitPerMinute, 600): lifted here, since this measures server time, not the limiter.
        await using var apphost = ChildProcess.Start(typeof(WebPagesDriver).Assembly, "HelpDesk.AppHost",
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--data", data, "--no-dashboard", "--Services:Gateway:PersonRateLimitPerMinute=1000000"]);
        await apphost.WaitForLineAsync("Press Ctrl+C to stop.", TimeSpan.FromMinutes(10));
        var gateway = new Uri($"http://localhost:{port}/");
        var people = People(apphost.Lines);
        using var api = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
        api.DefaultRequestHeaders.Add("X-Api-Key", apphost.Lines.Select(l => ApiKeyLine().Match(l)).First(m => m.Success).Groups[1].Value);
        Console.WriteLine($"web-pages: {tickets} tickets, {rate}/s per page for {seconds} s, data in {data}");

        var filing = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, tickets), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, token) => (await FileAsync(api, i, token)).Dispose());
        Console.WriteLine($"filed           {tickets} tickets in {filing.Elapsed.TotalSeconds:F0} s");
        using var ada = await WebSession.SignInAsync(gateway, "ada", people["ada"], 64, cancellationToken);
        using var grace = await WebSession.SignInAsync(gateway, "grace", people["grace"], 64, cancellationToken);
        var numbers = await RoutedNumbersAsync(api, cancellationToken);

        var pages = new (string Name, HttpClient Client, Func<int, string> Path)[]
        {
            ("portal home (ada)", ada.Http, _ => "/"),
            ("agent ticket view (grace)", grace.Http, i => $"/agent/tickets/{numbers[i % numbers.Count]}"),
        };
        foreach (var (name, client, path) in pages)
        {
            await MeasureAsync(client, path, Math.Max(20, rate * 2), rate, cancellationToken); // warm-up, discarded
            var latencies = await MeasureAsync(client, path, rate * seconds, rate, cancellationToken);
            Report(name, latencies);
        }
        await MeasurePaintAsync(gateway, people, numbers, IntOption(args, "--paints", 20));
        Console.WriteLine($"load average    {File.ReadAllText("/proc/loadavg").Trim()} (cores: {Environment.ProcessorCount})");
        apphost.Terminate();
        await apphost.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return 0;
    }

    /// <summary>First contentful paint of the same two pages in chromium, after the server-time runs (the browser's load would disturb them).</summary>
    private static async Task MeasurePaintAsync(Uri gateway, Dictionary<string, string> people, List<string> numbers, int rounds)
    {
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await FirstPaint.LaunchAsync(playwright);
        if (browser is null || rounds <= 0)
        {
            return;
        }
        await FirstPaint.MeasureAsync(browser, gateway, "portal home (ada)", "ada", people["ada"], _ => "/", rounds);
        await FirstPaint.MeasureAsync(browser, gateway, "agent ticket view (grace)", "grace", people["grace"], i => $"/agent/tickets/{numbers[i % numbers.Count]}", rounds);
    }

    /// <summary>Open loop: request i starts at i / rate seconds whatever the earlier ones do; its latency counts from then.</summary>
    private static async Task<List<(double Ms, string Outcome)>> MeasureAsync(HttpClient client, Func<int, string> path, int count, int rate, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var running = new List<Task<(double, string)>>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }
            var target = path(i);
            running.Add(Task.Run(async () =>
            {
                var outcome = await OutcomeAsync(client, target, cancellationToken);
                return ((clock.Elapsed - due).TotalMilliseconds, outcome);
            }, cancellationToken));
        }
        return [.. await Task.WhenAll(running)];
    }

    /// <summary>"ok" for a 200 page; else the status (and where a redirect ended), so an invalid run says why.</summary>
    private static async Task<string> OutcomeAsync(HttpClient client, string target, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(target, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var ended = response.RequestMessage!.RequestUri!.AbsolutePath;
            return response.StatusCode == HttpStatusCode.OK && !ended.StartsWith("/account", StringComparison.Ordinal)
                ? Ok
                : $"{(int)response.StatusCode} at {(ended.StartsWith("/account", StringComparison.Ordinal) ? ended : "page")}";
        }
        catch (HttpRequestException e)
        {
            return $"{e.GetType().Name}: {e.HttpRequestError}";
        }
    }

    private const string Ok = "ok";

    private static void Report(string name, List<(double Ms, string Outcome)> results)
    {
        var sorted = results.Select(r => r.Ms).Order().ToArray();
        var failures = results.Where(r => r.Outcome != Ok).GroupBy(r => r.Outcome).Select(g => $"{g.Count()}× {g.Key}");
        Console.WriteLine($"{name,-27} {sorted.Length} requests, {results.Count(r => r.Outcome != Ok)} errors; ms p50 {Percentile(sorted, 0.50):F1}  p95 {Percentile(sorted, 0.95):F1}  p99 {Percentile(sorted, 0.99):F1}  max {sorted[^1]:F1}");
        foreach (var failure in failures)
        {
            Console.WriteLine($"{"",-27} {failure}");
        }
    }

    /// <summary>A tenth of the tickets are ada's (her home lists nothing of them, but her identity has tickets); the rest come from 500 people.</summary>
    private static Task<HttpResponseMessage> FileAsync(HttpClient api, int i, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
        {
            Content = JsonContent.Create(new
            {
                subject = $"{Subjects[i % Subjects.Length]} ({i})",
                description = "Since this morning; restarting did not help. Colleagues on the same floor see it too.",
                requester = new { email = i % 10 == 0 ? "ada@example.org" : $"user{i % 500}@example.org", name = "Load Test" },
                impact = "Medium",
                urgency = "Medium",
            }),
        };
        request.Headers.Add("Idempotency-Key", $"web-pages-{i}");
        return api.SendAsync(request, cancellationToken);
    }

    /// <summary>Numbers of 50 routed tickets in the service-desk queue (one of grace's), once routing has caught up.</summary>
    private static async Task<List<string>> RoutedNumbersAsync(HttpClient api, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/tickets?queue=service-desk&limit=50", cancellationToken);
            var numbers = page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("number").GetString()!).ToList();
            if (numbers.Count == 50 || attempt == 120)
            {
                return numbers.Count > 0 ? numbers : throw new InvalidOperationException("No ticket reached the service-desk queue.");
            }
            await Task.Delay(1000, cancellationToken);
        }
    }

    private static readonly string[] Subjects =
    [
        "VPN drops every hour", "Printer on floor 3 jams", "Outlook does not open", "Need access to the finance share",
        "Laptop battery does not charge", "Password expired", "Teams calls freeze", "New starter needs an account",
    ];

    /// <summary>The "people" block of the AppHost's start banner: name, roles, password.</summary>
    private static Dictionary<string, string> People(IEnumerable<string> lines) =>
        lines.SkipWhile(l => !l.TrimStart().StartsWith("people ", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.StartsWith("     ", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 3)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => p[0], p => p[2], StringComparer.Ordinal);

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    [GeneratedRegex(@"API key\s+(\S+)")]
    private static partial Regex ApiKeyLine();
}

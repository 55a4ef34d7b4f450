using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using HelpDesk.AppHost.Demo;
using HelpDesk.LocalServers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace HelpDesk.AppHost.Hosting;

/// <summary>
/// Start-up is never a silent hang: a resource that fails to start, exits while the platform starts, or is not
/// healthy within the patience is named with its state, health and last log lines, and the AppHost exits with 1.
/// When the gateway is healthy, the URLs, the local API key and the dashboard login are printed. Later exits are
/// reported loudly but leave the rest running (restart the resource from the dashboard).
/// </summary>
public sealed partial class StartupWatch(
    ResourceNotificationService notifications, ResourceLoggerService logs, IHostApplicationLifetime lifetime,
    IConfiguration configuration, HelpDeskRunOptions options, DemoRun demo, string gatewayName) : BackgroundService
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(300);
    private static readonly string[] FailedStates = [KnownResourceStates.FailedToStart, KnownResourceStates.RuntimeUnhealthy];

    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _tails = new(StringComparer.Ordinal);
    private long _linesSeen;

    private int _started;

    /// <summary>The AppHost's exit code: 0, or 1 after a start-up failure.</summary>
    public static int ExitCode { get; private set; }

    /// <summary>
    /// Started from <c>BeforeStartEvent</c>, before the orchestrator creates any resource (a hosted service would start
    /// only after the orchestrator's own start has returned, so a hang while creating resources went unreported); the
    /// host's later call is then a no-op.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _started, 1) == 0 ? base.StartAsync(cancellationToken) : Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ready = false;
        _ = ResourceConsole.FollowAllAsync(notifications, logs, KeepTail, stoppingToken);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        patience.CancelAfter(Patience);
        try
        {
            await foreach (var update in notifications.WatchAsync(patience.Token))
            {
                _latest[update.ResourceId] = update;
                var snapshot = update.Snapshot;
                var state = snapshot.State?.Text;
                if (!ready && (FailedStates.Contains(state) || IsUnexpectedExit(snapshot)))
                {
                    await FailAsync(update.Resource, $"{update.Resource.Name} {Describe(snapshot)} while the platform was starting.");
                    return;
                }
                if (ready && IsUnexpectedExit(snapshot))
                {
                    await Console.Error.WriteLineAsync($"!!! {update.Resource.Name} {Describe(snapshot)}. Restart it from the dashboard, or stop with Ctrl+C.");
                }
                if (!ready && update.Resource.Name == gatewayName && state == KnownResourceStates.Running && snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                {
                    ready = true;
                    patience.CancelAfter(Timeout.InfiniteTimeSpan);
                    var healthy = clock.Elapsed;
                    if (File.Exists(options.LocalKeyFile))
                    {
                        await demo.RunAsync(File.ReadAllText(options.LocalKeyFile).Trim(), stoppingToken);
                    }
                    PrintSummary(healthy);
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested && !ready)
        {
            var waiting = _latest.Values.Where(e => e.Snapshot.HealthStatus != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy && e.Snapshot.State?.Text != KnownResourceStates.Finished)
                .Select(e => $"{e.Resource.Name} ({Describe(e.Snapshot)})");
            await FailAsync(null, $"the platform was not healthy within {Patience.TotalSeconds:0} s; not ready: {string.Join(", ", waiting)}.");
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Exited on its own with a failure code; -1 is DCP's code for a stop it was asked for (dashboard, Ctrl+C).</summary>
    private static bool IsUnexpectedExit(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text is { } state && (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished) && snapshot.ExitCode is not null and not 0 and not -1
        && snapshot.StopTimeStamp is not null;

    private static string Describe(CustomResourceSnapshot snapshot)
    {
        var health = snapshot.HealthReports.Where(r => r.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            .Select(r => $"{r.Name}: {r.Status?.ToString() ?? "not checked yet"}{Why(r.Description ?? r.ExceptionText)}");
        var exit = snapshot.ExitCode is { } code ? $" with exit code {code}" : "";
        var checks = string.Join("; ", health);
        return $"is {snapshot.State?.Text ?? "not started"}{exit}{(checks.Length > 0 ? $" [{checks}]" : "")}";
    }

    private static string Why(string? reason) => reason is null ? "" : " — " + reason.Split('\n')[0];

    private async Task FailAsync(IResource? resource, string message)
    {
        ExitCode = 1;
        await Console.Error.WriteLineAsync($"!!! Start-up failed: {message}");
        if (resource is not null)
        {
            await Console.Error.WriteLineAsync($"!!! Last lines of {resource.Name}:");
            foreach (var line in await TailAsync(resource, 20))
            {
                await Console.Error.WriteLineAsync($"    {line}");
            }
        }
        await Console.Error.WriteLineAsync("!!! Stopping everything that was started.");
        lifetime.StopApplication();
        // A start that hangs inside the orchestrator does not always honour the stop: leave anyway, with the failure code.
        _ = Task.Delay(StopGrace).ContinueWith(_ => Environment.Exit(ExitCode), TaskScheduler.Default);
    }

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(100); // past the host's 90 s shutdown budget

    /// <summary>The last lines of each resource, kept from its start (see <see cref="ResourceConsole"/>).</summary>
    private Task KeepTail(string resource, IReadOnlyList<LogLine> batch)
    {
        var tail = _tails.GetOrAdd(resource, _ => new ConcurrentQueue<string>());
        Interlocked.Add(ref _linesSeen, batch.Count);
        foreach (var line in batch)
        {
            tail.Enqueue(line.Content);
            while (tail.Count > 50 && tail.TryDequeue(out _))
            {
            }
        }
        return Task.CompletedTask;
    }

    private async Task<List<string>> TailAsync(IResource resource, int count)
    {
        // The last lines of a process that just died arrive a little after its state: wait until they stop coming.
        var seen = -1L;
        for (var waited = 0; waited < 20 && Interlocked.Read(ref _linesSeen) != seen; waited++)
        {
            seen = Interlocked.Read(ref _linesSeen);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
        // Messages, not stack frames (the whole output is in the dashboard); without DCP's timestamps.
        return _tails.TryGetValue(resource.Name, out var tail)
            ? tail.Select(l => Timestamp().Replace(l, "")).Where(l => !StackFrame().IsMatch(l)).TakeLast(count).ToList()
            : ["(no output)"];
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT[\d:.]+Z ")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"^\s*(at |--- End of)")]
    private static partial Regex StackFrame();

    private void PrintSummary(TimeSpan elapsed)
    {
        var gateway = $"http://localhost:{options.GatewayPort}";
        var mode = options.Distributed ? "distributed: one process per service, RabbitMQ, PostgreSQL" : "embedded: every service in one process, in-memory bus, SQLite";
        Console.WriteLine();
        Console.WriteLine($"HelpDesk is running ({mode}) — gateway healthy after {elapsed.TotalSeconds:0.0} s.");
        Console.WriteLine($"  gateway    {gateway}  (API reference {gateway}/scalar)");
        if (File.Exists(options.LocalKeyFile))
        {
            Console.WriteLine($"  API key    {File.ReadAllText(options.LocalKeyFile).Trim()}  (X-Api-Key header; saved in {options.LocalKeyFile})");
        }
        Console.WriteLine($"  portal     {gateway}/  (agents: {gateway}/agent, leads: {gateway}/lead; sign in with a demo account below)");
        Console.WriteLine($"  sign-in    {gateway}/connect/authorize  (OpenID Connect issuer {gateway}/)");
        if (options.DemoPeople)
        {
            Console.WriteLine($"  people     demo accounts (saved in {Path.Combine(options.DataDirectory, LocalIdentity.DemoUsersFileName)}):");
            foreach (var person in LocalIdentity.DemoPeopleSummary(options.DataDirectory))
            {
                Console.WriteLine($"             {person}");
            }
        }
        if (DashboardLoginUrl() is { } dashboard)
        {
            Console.WriteLine($"  dashboard  {dashboard}  (logs, traces and metrics of every resource)");
        }
        if (demo.SampleTicket is { } sample && File.Exists(options.LocalKeyFile))
        {
            Console.WriteLine($"  a ticket   curl -s {gateway}/api/v1/tickets/{sample} -H \"X-Api-Key: $(cat {options.LocalKeyFile})\"");
            Console.WriteLine($"  webhooks   printed here as they arrive, bodies in {demo.WebhookLog}");
        }
        Console.WriteLine($"  data       {options.DataDirectory}{(DemoRun.Active(options) ? "  (with demo data; start with --data DIR --no-demo for an empty desk)" : "")}");
        Console.WriteLine($"  e-mail     {options.MailDirectory} (.eml files; set --Services:Notifications:Email:Host to send)");
        Console.WriteLine("Press Ctrl+C to stop.");
    }

    private string? DashboardLoginUrl()
    {
        var url = configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (url is null || !options.Dashboard)
        {
            return null;
        }
        var token = configuration["AppHost:BrowserToken"];
        return token is null ? url : $"{url.TrimEnd('/')}/login?t={token}";
    }
}

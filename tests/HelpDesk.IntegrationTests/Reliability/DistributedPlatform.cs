using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HelpDesk.AppHost.Hosting;
using HelpDesk.Gateway;
using HelpDesk.Gateway.Security;
using HelpDesk.LocalServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Reliability;

/// <summary>
/// The real AppHost in distributed mode (local RabbitMQ and PostgreSQL, one process per service) started through
/// Aspire.Hosting.Testing, with every resource under the test's control: services killed with SIGKILL, the broker and
/// the database shut down with their own tools, and each started again through Aspire's start command.
/// </summary>
public sealed partial class DistributedPlatform : IAsyncDisposable
{
    /// <summary>The channel app's key (all scopes, a rate limit far above any load this drives).</summary>
    public const string ApiKey = "reliability-channel-key-0123456789abcdef";

    public const string Broker = "messaging";
    public const string Database = "postgres";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly DistributedApplication _app;
    private readonly CancellationTokenSource _logs = new();
    private Task _recording = Task.CompletedTask;

    private DistributedPlatform(DistributedApplication app, string root)
    {
        _app = app;
        Root = root;
        LogDirectory = Path.Combine(root, "logs");
        Directory.CreateDirectory(LogDirectory);
    }

    /// <summary>The AppHost's data directory (--data).</summary>
    public string Root { get; }

    public static bool IsAvailable => RabbitMqNodeLayout.IsInstalled && PostgresClusterLayout.IsInstalled;

    public Uri GatewayAddress => _app.GetEndpoint("gateway", "http");

    /// <summary>Each resource's console output, one file per resource (kept with the test's data).</summary>
    public string LogDirectory { get; }

    public IReadOnlyList<string> ServiceNames =>
        [.. _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().Select(p => p.Name)];

    /// <param name="extraArgs">More AppHost arguments (the load drivers pass their own, e.g. replicas).</param>
    public static async Task<DistributedPlatform> StartAsync(string root, CancellationToken cancellationToken, IReadOnlyList<string>? extraArgs = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HelpDesk_AppHost>(
        [
            "--distributed", "--no-containers", "--port", "0", "--data", root,
            // A crashed sender's leased deliveries are picked up again quickly, and retries back off briefly.
            "--Services:Notifications:Delivery:Lease=00:00:10", "--Services:Notifications:Delivery:BaseDelay=00:00:01",
            .. extraArgs ?? [],
        ], cancellationToken);
        var gateway = builder.CreateResourceBuilder<ProjectResource>("gateway")
            .WithEnvironment("Gateway__ApiKeys__0__Id", "reliability")
            .WithEnvironment("Gateway__ApiKeys__0__Name", "Reliability driver")
            .WithEnvironment("Gateway__ApiKeys__0__Channel", "api")
            .WithEnvironment("Gateway__ApiKeys__0__KeyHash", ApiKeyHash.Compute(ApiKey, null).ToString())
            .WithEnvironment("Gateway__ApiKeys__0__RateLimitPerMinute", "1000000");
        for (var i = 0; i < HelpDeskScopes.All.Count; i++)
        {
            gateway.WithEnvironment($"Gateway__ApiKeys__0__Scopes__{i}", HelpDeskScopes.All[i]);
        }
        var app = await builder.BuildAsync(cancellationToken);
        var platform = new DistributedPlatform(app, root);
        try
        {
            platform.RecordLogs();
            await app.StartAsync(cancellationToken);
            await platform.WaitHealthyAsync("gateway", since: DateTime.MinValue, cancellationToken);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL to the service's own process (under DCP's `dotnet run`), as a crash or an OOM kill would.</summary>
    public async Task KillAsync(string service, CancellationToken cancellationToken)
    {
        var pid = Pid(service);
        var victims = ProcessTree.Descendants(pid).Append(pid).ToList();
        foreach (var victim in victims)
        {
            ProcessRunner.Signal(victim, ProcessRunner.SigKill);
        }
        await WaitForAsync(service, e => e.Snapshot.State?.Text is { } state && state != KnownResourceStates.Running && state != KnownResourceStates.Starting, cancellationToken);
        await File.AppendAllTextAsync(LogFile(service), $"---- killed with SIGKILL (pids {string.Join(", ", victims)}) ----\n", cancellationToken);
    }

    /// <summary>Starts the resource again through Aspire's start command and waits until it reports healthy.</summary>
    public async Task StartResourceAsync(string resource, CancellationToken cancellationToken)
    {
        // DCP's timestamps are coarser than the clock here: "started after the previous start" is the reliable test.
        var since = _app.Services.GetRequiredService<ResourceNotificationService>().TryGetCurrentState(resource, out var before)
            ? (before.Snapshot.StartTimeStamp ?? DateTime.MinValue).AddTicks(1)
            : DateTime.MinValue;
        var result = await _app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"Starting {resource} failed: {result.Message}\n{Tail(resource)}");
        }
        await WaitHealthyAsync(resource, since, cancellationToken);
    }

    /// <summary>
    /// Shuts the broker or the database server down the way its administrator would — `rabbitmqctl stop` (the node
    /// closes its listeners and exits) or `pg_ctl stop -m fast` (sessions rolled back and disconnected, a checkpoint,
    /// exit) — and waits until DCP has seen the resource exit; <see cref="StartResourceAsync"/> brings it back through
    /// Aspire's start command. Aspire's stop command is not used here: DCP gives a process about 6 s from SIGTERM
    /// before it kills it, a clean stop of either server took longer on this shared machine, and a stop that
    /// outlasts that leaves the resource in state Unknown, from which it cannot be started again.
    /// </summary>
    public async Task ShutDownAsync(string resource, CancellationToken cancellationToken)
    {
        var model = _app.Services.GetRequiredService<DistributedApplicationModel>();
        (string Tool, string[] Arguments, string? User, Dictionary<string, string?>? Environment) command = resource switch
        {
            Broker when model.Resources.OfType<LocalRabbitMqResource>().Single().Layout is var node =>
                (node.CtlScript, ["-n", node.NodeName, "stop", node.PidFile], null, node.Environment()),
            Database when model.Resources.OfType<LocalPostgresResource>().Single().Layout is var cluster =>
                (cluster.PgCtl, ["-D", cluster.DataDirectory, "stop", "-m", "fast", "-w", "-t", "300"], PostgresClusterLayout.ServerUser, null),
            _ => throw new ArgumentException($"{resource} is neither the broker nor the database.", nameof(resource)),
        };
        var (tool, arguments, user, environment) = command;
        var stop = await ProcessRunner.RunAsync(tool, arguments, environment, user, Patience, cancellationToken: cancellationToken);
        if (!stop.Succeeded)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} stop failed ({stop.ExitCode}): {stop.Output}\n{Tail(resource)}");
        }
        await File.AppendAllTextAsync(LogFile(resource), $"---- shut down with {Path.GetFileName(tool)} stop ----\n", cancellationToken);
        await WaitForAsync(resource, e => e.Snapshot.State?.Text is { } state && (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished), cancellationToken);
    }

    /// <summary>Every queue of the default virtual host with its ready message count (rabbitmqctl, no management plugin).</summary>
    public async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync(CancellationToken cancellationToken)
    {
        var broker = _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<LocalRabbitMqResource>().Single();
        var output = await broker.Layout.CtlAsync(["list_queues", "-q", "--no-table-headers", "name", "messages"], cancellationToken);
        var depths = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('\t', ' ');
            if (parts.Length >= 2 && long.TryParse(parts[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            {
                depths[parts[0]] = count;
            }
        }
        return depths;
    }

    /// <summary>
    /// Waits (at most <paramref name="timeout"/>) until no queue but the `_error`/`_skipped` ones holds a message, ready
    /// or unacknowledged (`messages` of `rabbitmqctl list_queues`): every message the broker took was consumed and acked.
    /// </summary>
    public async Task<bool> WaitForQueuesDrainedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var waiting = (await QueueDepthsAsync(cancellationToken))
                .Where(q => !q.Key.EndsWith("_error", StringComparison.Ordinal) && !q.Key.EndsWith("_skipped", StringComparison.Ordinal)).Sum(q => q.Value);
            if (waiting == 0 || DateTime.UtcNow > deadline)
            {
                return waiting == 0;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>Every queue with its depth, and those of the `_error`/`_skipped` queues that hold a message (empty when none does).</summary>
    public async Task<(string Queues, string ErrorQueues)> ErrorQueuesAsync(CancellationToken cancellationToken)
    {
        var queues = await QueueDepthsAsync(cancellationToken);
        var errors = queues.Where(q => (q.Key.EndsWith("_error", StringComparison.Ordinal) || q.Key.EndsWith("_skipped", StringComparison.Ordinal)) && q.Value > 0);
        static string Describe(IEnumerable<KeyValuePair<string, long>> list) =>
            string.Join(", ", list.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}"));
        return (Describe(queues), Describe(errors));
    }

    /// <summary>The connection string of a service's database (intakedb, sladb, …), to count what it holds.</summary>
    public string DatabaseConnectionString(string database)
    {
        var resource = _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<LocalPostgresDatabaseResource>().Single(d => d.Name == database);
        var port = resource.Parent.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == LocalPostgresResource.EndpointName).TargetPort!.Value;
        return PostgresClusterLayout.ConnectionString(port, resource.DatabaseName);
    }

    /// <summary>The last lines a resource wrote (for failure messages).</summary>
    public string Tail(string resource, int lines = 40) =>
        File.Exists(LogFile(resource)) ? string.Join('\n', File.ReadLines(LogFile(resource)).TakeLast(lines)) : "(no output)";

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await _app.StopAsync(limit.Token);
        }
        finally
        {
            await _logs.CancelAsync();
            await _recording;
            await _app.DisposeAsync();
            _logs.Dispose();
        }
    }

    private int Pid(string resource)
    {
        var notifications = _app.Services.GetRequiredService<ResourceNotificationService>();
        if (!notifications.TryGetCurrentState(resource, out var current))
        {
            throw new InvalidOperationException($"{resource} has no state yet.");
        }
        var pid = current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
        return pid is not null && int.TryParse(pid.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"{resource} has no process id (state {current.Snapshot.State?.Text}).");
    }

    private Task WaitHealthyAsync(string resource, DateTime since, CancellationToken cancellationToken) =>
        WaitForAsync(resource, e => e.Snapshot.State?.Text == KnownResourceStates.Running
            && e.Snapshot.HealthStatus == HealthStatus.Healthy
            && (e.Snapshot.StartTimeStamp ?? DateTime.MaxValue) >= since, cancellationToken);

    private async Task WaitForAsync(string resource, Func<ResourceEvent, bool> predicate, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Patience);
        try
        {
            await _app.Services.GetRequiredService<ResourceNotificationService>().WaitForResourceAsync(resource, e =>
            {
                var state = e.Snapshot.State?.Text;
                if (state == KnownResourceStates.FailedToStart)
                {
                    throw new InvalidOperationException($"{resource} failed to start:\n{Tail(resource)}");
                }
                return predicate(e);
            }, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{resource} did not reach the expected state within {Patience.TotalSeconds:0} s:\n{Tail(resource)}");
        }
    }

    private string LogFile(string resource) => Path.Combine(LogDirectory, resource + ".log");

    /// <summary>Copies every resource's console output into its log file as it arrives.</summary>
    private void RecordLogs()
    {
        var services = _app.Services;
        _recording = ResourceConsole.FollowAllAsync(
            services.GetRequiredService<ResourceNotificationService>(), services.GetRequiredService<ResourceLoggerService>(),
            (resource, batch) => File.AppendAllLinesAsync(LogFile(resource), batch.Select(l => l.Content)), _logs.Token);
    }
}

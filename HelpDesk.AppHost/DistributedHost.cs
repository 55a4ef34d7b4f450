using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using HelpDesk.AppHost.Resources;

namespace HelpDesk.AppHost;

/// <summary>
/// What an Aspire AppHost does for local work, with the binaries on this machine: a private RabbitMQ node and
/// PostgreSQL cluster under the data directory, then every service of <see cref="Topology"/> as its own process
/// wired with Aspire-style configuration, health-checked in order, logs prefixed. Nothing is restarted
/// silently: if any part dies, the whole platform stops and says which part and why.
/// </summary>
public static class DistributedHost
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(AppHostOptions options, CancellationToken stop)
    {
        var console = new PrefixedConsole();
        foreach (var name in new[] { "apphost", Topology.BrokerName, Topology.DatabaseServerName }.Concat(Topology.AllServices.Select(s => s.Name)))
        {
            console.Register(name);
        }

        var clock = Stopwatch.StartNew();
        var root = Path.Combine(options.DataDirectory, "distributed");
        Directory.CreateDirectory(root);

        RabbitMqNode? broker = null;
        PostgresCluster? postgres = null;
        var processes = new List<ServiceProcess>();
        var failure = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var exitCode = 0;
        string? localKey = null;
        Task? brokerStarted = null;
        try
        {
            try
            {
                broker = new RabbitMqNode(Path.Combine(root, "rabbitmq"), NodeNameFor(root), log: line => console.WriteLine(Topology.BrokerName, line));
                postgres = new PostgresCluster(Path.Combine(root, "postgres"));
            }
            catch (MissingBinaryException missing)
            {
                console.Alarm($"--distributed needs {missing.Binary}: {missing.Message}");
                return 3;
            }

            console.WriteLine("apphost", $"starting RabbitMQ ({broker.NodeName}) and PostgreSQL under {root}");
            brokerStarted = broker.StartAsync(stop);
            await postgres.StartAsync(stop);
            console.WriteLine("apphost", $"PostgreSQL on 127.0.0.1:{postgres.Port} ({clock.Elapsed.TotalSeconds:0.0} s)");
            await brokerStarted;
            broker.ExitedUnexpectedly += code => failure.TrySetResult($"RabbitMQ exited unexpectedly with code {code}; see {broker.LogDirectory}");
            console.WriteLine("apphost", $"RabbitMQ on 127.0.0.1:{broker.AmqpPort} ({clock.Elapsed.TotalSeconds:0.0} s)");

            // Tokens are issued under the gateway's public address, so the identity service needs it before the gateway starts.
            var gatewayPort = options.GatewayPort == 0 ? FreePort.Next() : options.GatewayPort;
            var issuer = new Uri($"http://localhost:{gatewayPort}/");
            var backends = new List<ServiceProcess>();
            foreach (var service in Topology.BackendServices)
            {
                var environment = await EnvironmentForAsync(service, root, broker, postgres, stop);
                var identitySettings = service == Topology.Identity
                    ? LocalIdentity.IdentitySettings(options.DataDirectory, issuer, !PeopleConfigured(options))
                    : LocalIdentity.ServiceSettings(options.DataDirectory);
                foreach (var (key, value) in identitySettings)
                {
                    environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
                }
                backends.Add(new ServiceProcess(service, FreePort.Next(), environment, options.ServiceArgs, console));
            }
            processes.AddRange(backends);
            foreach (var process in backends)
            {
                process.Start();
                WatchForUnexpectedExit(process, failure);
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await WaitHealthyAsync(backends, http, failure, stop);
            console.WriteLine("apphost", $"backend services healthy ({clock.Elapsed.TotalSeconds:0.0} s)");

            // The gateway starts last, so its /health answering means the whole platform is up.
            var gatewayEnvironment = await EnvironmentForAsync(Topology.Gateway, root, broker, postgres, stop);
            gatewayEnvironment["ASPNETCORE_URLS"] = $"http://localhost:{gatewayPort}";
            foreach (var reference in Topology.Gateway.References)
            {
                gatewayEnvironment[$"services__{reference}__http__0"] = backends.Single(b => b.Service.Name == reference).Url;
            }
            foreach (var (key, value) in LocalIdentity.GatewaySettings(options.DataDirectory, issuer))
            {
                gatewayEnvironment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
            if (!LocalApiKey.IsConfiguredBy(options.ServiceArgs))
            {
                localKey = LocalApiKey.Ensure(options.DataDirectory);
                foreach (var (key, value) in LocalApiKey.GatewaySettings(localKey))
                {
                    gatewayEnvironment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
                }
            }
            var gateway = new ServiceProcess(Topology.Gateway, gatewayPort, gatewayEnvironment, options.ServiceArgs, console);
            processes.Add(gateway);
            gateway.Start();
            WatchForUnexpectedExit(gateway, failure);
            await WaitHealthyAsync([gateway], http, failure, stop);

            PrintSummary(root, broker, postgres, processes, clock.Elapsed, localKey);

            var stopped = Task.Delay(Timeout.Infinite, stop);
            var finished = await Task.WhenAny(stopped, failure.Task);
            if (finished == failure.Task)
            {
                console.Alarm(failure.Task.Result);
                console.Alarm("Nothing is restarted silently: stopping the whole platform.");
                exitCode = 1;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C during start-up: fall through to the orderly stop.
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or MissingBinaryException)
        {
            console.Alarm(ex.Message);
            console.Alarm("Start-up failed: stopping what was started.");
            exitCode = 1;
        }
        finally
        {
            console.WriteLine("apphost", "stopping services, then PostgreSQL, then RabbitMQ…");
            // Gateway first (no new requests), then the backends together.
            foreach (var process in processes.Where(p => p.Service.Public))
            {
                await process.StopAsync(StopGrace);
            }
            await Task.WhenAll(processes.Where(p => !p.Service.Public).Select(p => p.StopAsync(StopGrace)));
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
            if (postgres is not null)
            {
                await StopQuietlyAsync("PostgreSQL", postgres.StopAsync, console);
            }
            if (broker is not null)
            {
                if (brokerStarted is not null)
                {
                    await StopQuietlyAsync("RabbitMQ start", _ => brokerStarted, console);
                }
                await StopQuietlyAsync("RabbitMQ", broker.StopAsync, console);
            }
            console.WriteLine("apphost", "stopped.");
        }
        return exitCode;
    }

    /// <summary>Aspire's configuration names, so a real Aspire AppHost could drive the same services unchanged.</summary>
    private static bool PeopleConfigured(AppHostOptions options) =>
        LocalIdentity.OperatorConfiguresPeople(new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(options.ServiceArgs).Build());

    private static async Task<Dictionary<string, string?>> EnvironmentForAsync(
        ServiceResource service, string root, RabbitMqNode broker, PostgresCluster postgres, CancellationToken cancellationToken)
    {
        var data = Path.Combine(root, "services", service.Name);
        Directory.CreateDirectory(data);
        var environment = new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = service.Name,
            ["HelpDesk__DataDirectory"] = data,
            // One line per log entry reads well behind a prefix.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
            ["DOTNET_NOLOGO"] = "1",
        };
        if (service == Topology.Notifications && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("Notifications__Email__Host")))
        {
            // No SMTP server locally: keep every e-mail as an .eml file rather than failing to send it.
            environment["Notifications__Email__PickupDirectory"] = LocalMail.PickupDirectory(root);
        }
        if (service.UsesBroker)
        {
            environment[$"ConnectionStrings__{Topology.BrokerName}"] = broker.ConnectionString();
        }
        if (service.Database is { } database)
        {
            environment[$"ConnectionStrings__{database}"] = await postgres.CreateDatabaseAsync(database, cancellationToken);
        }
        return environment;
    }

    private static async Task WaitHealthyAsync(IReadOnlyList<ServiceProcess> processes, HttpClient http, TaskCompletionSource<string> failure, CancellationToken stop)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var healthy = Task.WhenAll(processes.Select(p => p.WaitHealthyAsync(http, StartPatience, linked.Token)));
        var first = await Task.WhenAny(healthy, failure.Task);
        if (first == failure.Task)
        {
            await linked.CancelAsync();
            throw new InvalidOperationException(failure.Task.Result);
        }
        await healthy;
    }

    private static void WatchForUnexpectedExit(ServiceProcess process, TaskCompletionSource<string> failure) =>
        _ = process.UnexpectedExit.Task.ContinueWith(
            exit => failure.TrySetResult($"{process.Service.Name} (pid {process.ProcessId}) exited unexpectedly with code {exit.Result}; its last lines are above."),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static async Task StopQuietlyAsync(string what, Func<CancellationToken, Task> stop, PrefixedConsole console)
    {
        try
        {
            await stop(CancellationToken.None);
        }
        catch (Exception ex)
        {
            console.Alarm($"{what} did not stop cleanly: {ex.Message}");
        }
    }

    private static void PrintSummary(string root, RabbitMqNode broker, PostgresCluster postgres, IReadOnlyList<ServiceProcess> processes, TimeSpan elapsed, string? localKey)
    {
        var gateway = processes.Single(p => p.Service.Public);
        var lines = new StringBuilder();
        lines.AppendLine();
        lines.AppendLine($"HelpDesk is running (distributed: one process per service, RabbitMQ, PostgreSQL) — ready in {elapsed.TotalSeconds:0.0} s.");
        lines.AppendLine($"  {"resource",-14} {"listens on",-32} {"pid",-8}");
        lines.AppendLine($"  {"gateway",-14} {$"http://localhost:{gateway.Port}",-32} {gateway.ProcessId,-8}");
        foreach (var process in processes.Where(p => !p.Service.Public))
        {
            lines.AppendLine($"  {process.Service.Name,-14} {process.Url,-32} {process.ProcessId,-8}");
        }
        lines.AppendLine($"  {Topology.BrokerName,-14} {broker.ConnectionString(),-32} (node {broker.NodeName})");
        lines.AppendLine($"  {Topology.DatabaseServerName,-14} {$"127.0.0.1:{postgres.Port}",-32} (log {postgres.LogFile})");
        lines.AppendLine($"  API docs       http://localhost:{gateway.Port}/scalar");
        lines.AppendLine($"  data           {root}");
        if (localKey is not null)
        {
            lines.AppendLine($"  API key        {localKey}  (X-Api-Key header; saved in {Path.GetFullPath(Path.Combine(root, "..", LocalApiKey.FileName))})");
            lines.AppendLine($"  people         demo accounts (saved in {Path.GetFullPath(Path.Combine(root, "..", LocalIdentity.DemoUsersFileName))}):");
            foreach (var person in LocalIdentity.DemoPeopleSummary(Path.GetFullPath(Path.Combine(root, ".."))))
            {
                lines.AppendLine($"                 {person}");
            }
        }
        lines.AppendLine("Press Ctrl+C to stop.");
        Console.WriteLine(lines.ToString());
    }

    /// <summary>Same data directory, same node name: RabbitMQ keeps its queues and messages across runs.</summary>
    private static string NodeNameFor(string root)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..10];
        return $"helpdesk-{hash}@localhost";
    }
}

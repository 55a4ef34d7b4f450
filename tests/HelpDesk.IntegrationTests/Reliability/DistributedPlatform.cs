using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using HelpDesk.AppHost;
using HelpDesk.AppHost.Resources;
using HelpDesk.Gateway;
using HelpDesk.Gateway.Security;
using HelpDesk.ServiceDefaults.Http;
using HelpDesk.Testing;

namespace HelpDesk.Reliability;

/// <summary>
/// The distributed platform as DistributedHost starts it (private RabbitMQ node, PostgreSQL cluster, one process per
/// service with the same Aspire-style environment), but with every part under the caller's control: services can be
/// killed with SIGKILL and started again on the same port, the broker and the database stopped and restarted.
/// DistributedHost itself deliberately stops everything when a part dies, so fault injection needs this composition.
/// </summary>
public sealed class DistributedPlatform : IAsyncDisposable
{
    /// <summary>The channel app's key (all scopes, a rate limit far above any load this drives).</summary>
    public const string ApiKey = "reliability-channel-key-0123456789abcdef";

    private readonly string _root;
    private readonly RabbitMqNode _broker;
    private readonly PostgresCluster _postgres;
    private readonly Dictionary<string, ManagedService> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _databases = new(StringComparer.Ordinal);

    private DistributedPlatform(string root, RabbitMqNode broker, PostgresCluster postgres)
    {
        _root = root;
        _broker = broker;
        _postgres = postgres;
    }

    public static bool IsAvailable => RabbitMqNode.IsInstalled && PostgresCluster.IsInstalled;

    public Uri GatewayAddress => new(_services[Topology.Gateway.Name].Url);

    public string BrokerConnectionString => _broker.ConnectionString();

    public string LogDirectory => Path.Combine(_root, "logs");

    public IReadOnlyCollection<string> ServiceNames => _services.Keys;

    public static async Task<DistributedPlatform> StartAsync(string root, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var broker = new RabbitMqNode(Path.Combine(root, "rabbitmq"));
        var postgres = new PostgresCluster(Path.Combine(root, "postgres"));
        var platform = new DistributedPlatform(root, broker, postgres);
        Directory.CreateDirectory(platform.LogDirectory);
        try
        {
            await Task.WhenAll(broker.StartAsync(cancellationToken), postgres.StartAsync(cancellationToken));
            var backends = new List<ManagedService>();
            foreach (var service in Topology.BackendServices)
            {
                var environment = await platform.EnvironmentForAsync(service, cancellationToken);
                // Services accept only identities the gateway signed: they get its public key, the gateway the private one.
                environment["HelpDesk__ServiceTokens__VerificationKeys__0"] = TestCallers.VerificationKeyPem;
                var managed = new ManagedService(service, FreePort.Next(), environment, platform.LogDirectory);
                platform._services[service.Name] = managed;
                backends.Add(managed);
                managed.Start();
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Task.WhenAll(backends.Select(b => b.WaitHealthyAsync(http, cancellationToken)));

            var gatewayEnvironment = await platform.EnvironmentForAsync(Topology.Gateway, cancellationToken);
            foreach (var reference in Topology.Gateway.References)
            {
                gatewayEnvironment[$"services__{reference}__http__0"] = platform._services[reference].Url;
            }
            gatewayEnvironment["HelpDesk__ServiceTokens__SigningKey"] = TestCallers.SigningKeyPem;
            gatewayEnvironment["Gateway__ApiKeys__0__Id"] = "reliability";
            gatewayEnvironment["Gateway__ApiKeys__0__Name"] = "Reliability driver";
            gatewayEnvironment["Gateway__ApiKeys__0__Channel"] = "api";
            gatewayEnvironment["Gateway__ApiKeys__0__KeyHash"] = ApiKeyHash.Compute(ApiKey, null).ToString();
            gatewayEnvironment["Gateway__ApiKeys__0__RateLimitPerMinute"] = "1000000";
            for (var i = 0; i < HelpDeskScopes.All.Count; i++)
            {
                gatewayEnvironment[$"Gateway__ApiKeys__0__Scopes__{i}"] = HelpDeskScopes.All[i];
            }
            var gateway = new ManagedService(Topology.Gateway, FreePort.Next(), gatewayEnvironment, platform.LogDirectory);
            platform._services[Topology.Gateway.Name] = gateway;
            gateway.Start();
            await gateway.WaitHealthyAsync(http, cancellationToken);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, as a crash or an OOM kill would; nothing is flushed.</summary>
    public Task KillAsync(string service) => _services[service].KillAsync();

    /// <summary>Starts the service again on the same port with the same environment and waits for /health.</summary>
    public async Task RestartAsync(string service, CancellationToken cancellationToken)
    {
        var managed = _services[service];
        managed.Start();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await managed.WaitHealthyAsync(http, cancellationToken);
    }

    public Task StopBrokerAsync(CancellationToken cancellationToken) => _broker.StopAsync(cancellationToken);

    public async Task StartBrokerAsync(CancellationToken cancellationToken)
    {
        var port = _broker.AmqpPort;
        await _broker.StartAsync(cancellationToken);
        if (_broker.AmqpPort != port)
        {
            throw new InvalidOperationException($"RabbitMQ came back on port {_broker.AmqpPort}, not {port}: services cannot reconnect.");
        }
    }

    public Task StopPostgresAsync(CancellationToken cancellationToken) => _postgres.StopAsync(cancellationToken);

    public async Task StartPostgresAsync(CancellationToken cancellationToken)
    {
        var port = _postgres.Port;
        await _postgres.StartAsync(cancellationToken);
        if (_postgres.Port != port)
        {
            throw new InvalidOperationException($"PostgreSQL came back on port {_postgres.Port}, not {port}: services cannot reconnect.");
        }
    }

    /// <summary>Every queue of the default virtual host with its ready message count (rabbitmqctl, no management plugin).</summary>
    public async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync(CancellationToken cancellationToken)
    {
        var output = await _broker.CtlAsync(["list_queues", "-q", "--no-table-headers", "name", "messages"], cancellationToken);
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

    /// <summary>The connection string of a service's database (intakedb, sladb, …), to count what it holds.</summary>
    public string DatabaseConnectionString(string database) => _databases[database];

    /// <summary>The last lines a service wrote (for failure messages).</summary>
    public string Tail(string service, int lines = 40) => _services[service].Tail(lines);

    private async Task<Dictionary<string, string?>> EnvironmentForAsync(ServiceResource service, CancellationToken cancellationToken)
    {
        var data = Path.Combine(_root, "services", service.Name);
        Directory.CreateDirectory(data);
        var environment = new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = service.Name,
            ["HelpDesk__DataDirectory"] = data,
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
            ["DOTNET_NOLOGO"] = "1",
            // A crashed sender's leased deliveries are picked up again quickly, and retries back off briefly.
            ["Notifications__Delivery__Lease"] = "00:00:10",
            ["Notifications__Delivery__BaseDelay"] = "00:00:01",
        };
        if (service.UsesBroker)
        {
            environment[$"ConnectionStrings__{Topology.BrokerName}"] = _broker.ConnectionString();
        }
        if (service.Database is { } database)
        {
            _databases[database] = await _postgres.CreateDatabaseAsync(database, cancellationToken);
            environment[$"ConnectionStrings__{database}"] = _databases[database];
        }
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.Values.Reverse())
        {
            await service.DisposeAsync();
        }
        await _postgres.StopAsync(CancellationToken.None);
        await _broker.StopAsync(CancellationToken.None);
    }

    /// <summary>One service process (`dotnet exec HelpDesk.X.dll`), restartable on its port; output to a log file.</summary>
    private sealed class ManagedService(ServiceResource service, int port, IReadOnlyDictionary<string, string?> environment, string logDirectory) : IAsyncDisposable
    {
        private readonly Lock _gate = new();
        private readonly Queue<string> _tail = new();
        private Process? _process;

        public string Url => $"http://127.0.0.1:{port}";

        public void Start()
        {
            var assembly = LocateAssembly(service.Project);
            var info = new ProcessStartInfo(DotnetHost())
            {
                WorkingDirectory = Path.GetDirectoryName(assembly),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add("exec");
            info.ArgumentList.Add(assembly);
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
            info.Environment["ASPNETCORE_URLS"] = Url;
            var log = Path.Combine(logDirectory, service.Name + ".log");
            var process = new Process { StartInfo = info };
            process.OutputDataReceived += (_, e) => Record(log, e.Data);
            process.ErrorDataReceived += (_, e) => Record(log, e.Data);
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
        }

        public async Task WaitHealthyAsync(HttpClient http, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(300);
            var lastAnswer = "no answer";
            while (true)
            {
                if (_process is { HasExited: true } exited)
                {
                    throw new InvalidOperationException($"{service.Name} exited with code {exited.ExitCode} while starting:\n{Tail(40)}");
                }
                try
                {
                    using var response = await http.GetAsync(new Uri($"{Url}/health"), cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                    lastAnswer = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
                }
                catch (HttpRequestException ex)
                {
                    // Not listening yet.
                    lastAnswer = ex.Message;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The health request timed out; ask again.
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{service.Name} did not report healthy at {Url}/health within 300 s (last answer {lastAnswer}):\n{Tail(40)}");
                }
                await Task.Delay(150, cancellationToken);
            }
        }

        public async Task KillAsync()
        {
            var process = _process;
            _process = null;
            if (process is null)
            {
                return;
            }
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            Record(Path.Combine(logDirectory, service.Name + ".log"), "---- killed with SIGKILL ----");
            process.Dispose();
        }

        public string Tail(int lines)
        {
            lock (_gate)
            {
                return string.Join('\n', _tail.TakeLast(lines));
            }
        }

        public async ValueTask DisposeAsync()
        {
            var process = _process;
            _process = null;
            if (process is null)
            {
                return;
            }
            if (!process.HasExited)
            {
                // SIGTERM first so the host stops cleanly; SIGKILL if it lingers.
                ProcessRunner.Signal(process.Id, ProcessRunner.SigTerm);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }
            process.Dispose();
        }

        private void Record(string log, string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (_gate)
            {
                _tail.Enqueue(line);
                while (_tail.Count > 200)
                {
                    _tail.Dequeue();
                }
                File.AppendAllText(log, line + "\n");
            }
        }

        private static string LocateAssembly(string project)
        {
            var recorded = typeof(Topology).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "HelpDesk.ServiceAssembly:" + project)?.Value;
            return recorded is not null && File.Exists(recorded)
                ? recorded
                : throw new FileNotFoundException($"The build output of {project} was not found (recorded: {recorded}). Build HelpDesk.AppHost first.");
        }

        private static string DotnetHost() =>
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
                ? host
                : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}

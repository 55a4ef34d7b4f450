using System.Diagnostics;
using System.Globalization;

namespace HelpDesk.AppHost.Resources;

/// <summary>
/// A private RabbitMQ node run from the installed binaries: its own node name, data and log directories, AMQP port,
/// Erlang distribution port and EPMD port, all on 127.0.0.1, so it never meets a system broker or a parallel node.
/// Runs in the foreground as a child process; stopped with rabbitmqctl, killed as a last resort.
/// </summary>
internal sealed class RabbitMqNode : IAsyncDisposable
{
    private readonly Action<string>? _log;
    private readonly SemaphoreSlim _ctlSlots = new(2);
    private Process? _process;

    public RabbitMqNode(string directory, string? nodeName = null, int? amqpPort = null, Action<string>? log = null)
    {
        Directory.CreateDirectory(directory);
        BaseDirectory = Path.GetFullPath(directory);
        NodeName = nodeName ?? $"helpdesk-{Guid.NewGuid():N}"[..21] + "@localhost";
        AmqpPort = amqpPort ?? FreePort.Next();
        _log = log;
        ServerScript = LocalBinaries.RequireRabbitMq("rabbitmq-server");
        CtlScript = LocalBinaries.RequireRabbitMq("rabbitmqctl");
    }

    public string BaseDirectory { get; }

    public string NodeName { get; }

    public int AmqpPort { get; private set; }

    public int DistributionPort { get; private set; }

    public int EpmdPort { get; private set; }

    public string ServerScript { get; }

    public string CtlScript { get; }

    public string LogDirectory => Path.Combine(BaseDirectory, "log");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Raised when the node exits without <see cref="StopAsync"/> having asked it to.</summary>
    public event Action<int>? ExitedUnexpectedly;

    /// <summary>amqp://guest:guest@127.0.0.1:port/ (the default virtual host), or a named virtual host.</summary>
    public string ConnectionString(string? virtualHost = null) =>
        $"amqp://guest:guest@127.0.0.1:{AmqpPort}/{Uri.EscapeDataString(virtualHost ?? "")}";

    public static bool IsInstalled => LocalBinaries.FindRabbitMq() is not null;

    /// <summary>Starts the node (or starts it again after <see cref="StopAsync"/>, with the same data) and waits for AMQP.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }
        if (!await IsPortFreeAsync(AmqpPort, cancellationToken))
        {
            AmqpPort = FreePort.Next();
        }
        DistributionPort = FreePort.Next();
        EpmdPort = FreePort.Next();
        WriteConfiguration();

        var info = ProcessRunner.StartInfo(ServerScript, [], Environment(), workingDirectory: BaseDirectory, ownSession: true);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) _log?.Invoke(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) _log?.Invoke(line); };
        process.Exited += (_, _) =>
        {
            if (ReferenceEquals(_process, process))
            {
                ExitedUnexpectedly?.Invoke(process.ExitCode);
            }
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await FreePort.AcceptsAsync(AmqpPort, cancellationToken))
        {
            if (process.HasExited)
            {
                _process = null;
                throw new InvalidOperationException(
                    $"RabbitMQ node {NodeName} exited with code {process.ExitCode} while starting; see {LogDirectory}.");
            }
            if (DateTime.UtcNow > deadline)
            {
                await StopAsync(CancellationToken.None);
                throw new TimeoutException($"RabbitMQ node {NodeName} did not accept AMQP connections on port {AmqpPort} within 90 s; see {LogDirectory}.");
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Adds a virtual host that guest may use fully, e.g. one per test so queues never mix.</summary>
    public async Task<string> AddVirtualHostAsync(string name, CancellationToken cancellationToken = default)
    {
        await CtlAsync(["add_vhost", name], cancellationToken);
        await CtlAsync(["set_permissions", "-p", name, "guest", ".*", ".*", ".*"], cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>
    /// Runs rabbitmqctl against this node and returns its output; throws when it fails. Each call boots an Erlang VM:
    /// a dozen at once on a small machine starve each other past any timeout, so at most two run at a time.
    /// </summary>
    public async Task<string> CtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        await _ctlSlots.WaitAsync(cancellationToken);
        ProcessRunner.Result result;
        try
        {
            result = await ProcessRunner.RunAsync(CtlScript, ["-n", NodeName, .. arguments], Environment(), timeout: TimeSpan.FromSeconds(180), cancellationToken: cancellationToken);
        }
        finally
        {
            _ctlSlots.Release();
        }
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Output}");
        }
        return result.Output;
    }

    /// <summary>Stops the node cleanly (rabbitmqctl stop), kills it if it does not go, and stops its private EPMD.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                try
                {
                    await ProcessRunner.RunAsync(CtlScript, ["-n", NodeName, "stop"], Environment(), timeout: TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
                }
                catch (TimeoutException)
                {
                    // Killed below.
                }
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
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
        }
        finally
        {
            process.Dispose();
            await StopEpmdAsync();
        }
    }

    /// <summary>Kills the node at once (SIGKILL), as a crash would; <see cref="StartAsync"/> brings it back with its data.</summary>
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
        process.Dispose();
        await StopEpmdAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task StopEpmdAsync()
    {
        var epmd = FindEpmd();
        if (epmd is null || EpmdPort == 0)
        {
            return;
        }
        try
        {
            await ProcessRunner.RunAsync(epmd, ["-port", EpmdPort.ToString(CultureInfo.InvariantCulture), "-kill"], Environment(), timeout: TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // An EPMD left behind only holds its private port; it does not affect the next run.
        }
    }

    private static string? FindEpmd() =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/lib/erlang/bin")
            .Select(d => Path.Combine(d, "epmd"))
            .FirstOrDefault(File.Exists);

    private static async Task<bool> IsPortFreeAsync(int port, CancellationToken cancellationToken) =>
        !await FreePort.AcceptsAsync(port, cancellationToken);

    private void WriteConfiguration()
    {
        Directory.CreateDirectory(LogDirectory);
        File.WriteAllText(Path.Combine(BaseDirectory, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{AmqpPort}
            log.file.level = info
            log.console = true
            log.console.level = warning
            """ + "\n");
        // No plugins: the management UI would need one more port and seconds of start time.
        File.WriteAllText(Path.Combine(BaseDirectory, "enabled_plugins"), "[].\n");
    }

    private Dictionary<string, string?> Environment() => new()
    {
        // The Erlang cookie lives in HOME: a private HOME keeps the node and its rabbitmqctl calls paired.
        ["HOME"] = BaseDirectory,
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(BaseDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = LogDirectory,
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(BaseDirectory, "rabbitmq.conf"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(BaseDirectory, "enabled_plugins"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(BaseDirectory, "rabbitmq.pid"),
        ["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["ERL_EPMD_PORT"] = EpmdPort.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_ALLOW_INPUT"] = null,
    };
}

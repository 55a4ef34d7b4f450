using System.Diagnostics;

namespace HelpDesk.LocalServers;

/// <summary>
/// A <see cref="RabbitMqNodeLayout"/> run as a foreground child process (test fixtures): stopped with rabbitmqctl,
/// killed as a last resort, restartable on the same AMQP port with the same data.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private readonly Action<string>? _log;
    private readonly RabbitMqNodeLayout _layout;
    private Process? _process;

    public RabbitMqNode(string directory, string? nodeName = null, int? amqpPort = null, Action<string>? log = null)
    {
        _layout = new RabbitMqNodeLayout(directory, nodeName);
        AmqpPort = amqpPort ?? FreePort.Next();
        _log = log;
    }

    public string NodeName => _layout.NodeName;

    public string BaseDirectory => _layout.BaseDirectory;

    public int AmqpPort { get; private set; }

    public string LogDirectory => _layout.LogDirectory;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Raised when the node exits without <see cref="StopAsync"/> having asked it to.</summary>
    public event Action<int>? ExitedUnexpectedly;

    /// <summary>amqp://guest:guest@127.0.0.1:port/ (the default virtual host), or a named virtual host.</summary>
    public string ConnectionString(string? virtualHost = null) => _layout.ConnectionString(virtualHost);

    public static bool IsInstalled => RabbitMqNodeLayout.IsInstalled;

    /// <summary>Starts the node (or starts it again after <see cref="StopAsync"/>, with the same data) and waits for AMQP.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }
        if (await FreePort.AcceptsAsync(AmqpPort, cancellationToken))
        {
            AmqpPort = FreePort.Next();
        }
        _layout.Prepare(AmqpPort);

        var info = ProcessRunner.StartInfo(_layout.ServerScript, [], _layout.Environment(), workingDirectory: _layout.BaseDirectory, ownSession: true);
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

    /// <summary>Runs rabbitmqctl against this node and returns its output; throws when it fails.</summary>
    public Task<string> CtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        _layout.CtlAsync(arguments, cancellationToken);

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
                    await ProcessRunner.RunAsync(_layout.CtlScript, ["-n", NodeName, "stop"], _layout.Environment(), timeout: TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
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
            await _layout.StopEpmdAsync();
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
        await _layout.StopEpmdAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}

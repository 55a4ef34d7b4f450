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
    // The node's last console lines: the log directory is usually gone (a temp directory) by the time anyone reads an error.
    private readonly Queue<string> _recentOutput = new();

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

    /// <summary>
    /// Starts the node (or starts it again after <see cref="StopAsync"/>, with the same data) and waits for AMQP. A node
    /// that exits while starting is started once more on fresh ports: a clean-clone CI run saw a restart exit with code 0
    /// at once (a leftover of the stopped VM or a port taken between choosing and binding it), which says nothing about
    /// the code under test. Both failures' console and log lines are in the exception if the second start fails too.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }
        string? firstFailure = null;
        for (var attempt = 1; ; attempt++)
        {
            var failure = await StartOnceAsync(cancellationToken);
            if (failure is null)
            {
                return;
            }
            if (attempt == 2)
            {
                throw new InvalidOperationException($"{failure}{Environment.NewLine}Before that: {firstFailure}");
            }
            firstFailure = failure;
            _log?.Invoke(failure);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>One start; returns null once AMQP accepts, or what was seen if the node exited while starting.</summary>
    private async Task<string?> StartOnceAsync(CancellationToken cancellationToken)
    {
        if (await FreePort.AcceptsAsync(AmqpPort, cancellationToken))
        {
            AmqpPort = FreePort.Next();
        }
        _layout.Prepare(AmqpPort);

        var info = ProcessRunner.StartInfo(_layout.ServerScript, [], _layout.Environment(), workingDirectory: _layout.BaseDirectory, ownSession: true);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data);
        process.Exited += (_, _) =>
        {
            if (ReferenceEquals(_process, process))
            {
                ExitedUnexpectedly?.Invoke(process.ExitCode);
            }
        };
        lock (_recentOutput)
        {
            _recentOutput.Clear();
        }
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
                await _layout.StopEpmdAsync();
                return $"RabbitMQ node {NodeName} exited with code {process.ExitCode} while starting; see {LogDirectory}.{Environment.NewLine}{StartFailureDetails()}";
            }
            if (DateTime.UtcNow > deadline)
            {
                await StopAsync(CancellationToken.None);
                throw new TimeoutException($"RabbitMQ node {NodeName} did not accept AMQP connections on port {AmqpPort} within 90 s; see {LogDirectory}.");
            }
            await Task.Delay(200, cancellationToken);
        }
        return null;
    }

    private void OnOutput(string? line)
    {
        if (line is not { Length: > 0 })
        {
            return;
        }
        _log?.Invoke(line);
        lock (_recentOutput)
        {
            _recentOutput.Enqueue(line);
            if (_recentOutput.Count > 40)
            {
                _recentOutput.Dequeue();
            }
        }
    }

    /// <summary>The console's last lines and the node log's last lines, for the exception a failed start throws.</summary>
    private string StartFailureDetails()
    {
        string console;
        lock (_recentOutput)
        {
            console = string.Join(Environment.NewLine, _recentOutput);
        }
        var logFile = Path.Combine(LogDirectory, $"{NodeName}.log");
        var log = File.Exists(logFile) ? string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(30)) : "(no log file)";
        return $"Console:{Environment.NewLine}{console}{Environment.NewLine}Log {logFile}:{Environment.NewLine}{log}";
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

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HelpDesk.LocalServers;

/// <summary>
/// A private RabbitMQ node under one directory, run from the installed binaries: its own node name, data, log and
/// config files, AMQP port, Erlang distribution port and EPMD port, all on 127.0.0.1, so it never meets a system
/// broker, a system epmd or a parallel node. Says how to run it; <see cref="RabbitMqNode"/> (tests) and the AppHost's
/// executable resource (DCP) do the running.
/// </summary>
public sealed class RabbitMqNodeLayout
{
    public RabbitMqNodeLayout(string directory, string? nodeName = null)
    {
        Directory.CreateDirectory(directory);
        BaseDirectory = Path.GetFullPath(directory);
        // Same directory, same node name: the node keeps its queues and persistent messages across runs.
        NodeName = nodeName ?? $"helpdesk-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BaseDirectory)))[..10]}@localhost";
        ServerScript = LocalBinaries.RequireRabbitMq("rabbitmq-server");
        CtlScript = LocalBinaries.RequireRabbitMq("rabbitmqctl");
    }

    public string BaseDirectory { get; }

    public string NodeName { get; }

    public string ServerScript { get; }

    public string CtlScript { get; }

    public string LogDirectory => Path.Combine(BaseDirectory, "log");

    public string PidFile => Path.Combine(BaseDirectory, "rabbitmq.pid");

    // rabbitmqctl boots an Erlang VM per call: at most two at a time from this process (see CtlAsync).
    private static readonly SemaphoreSlim CtlSlots = new(2);
    private int? _previousEpmdPort;

    /// <summary>The port of the epmd that erl starts as a daemon for this node, so a later run can stop one left behind.</summary>
    private string EpmdPortFile => Path.Combine(BaseDirectory, "epmd.port");

    public int AmqpPort { get; private set; }

    public int DistributionPort { get; private set; }

    public int EpmdPort { get; private set; }

    public static bool IsInstalled => LocalBinaries.FindRabbitMq() is not null;

    /// <summary>The Erlang port mapper (epmd) binary that goes with the installed Erlang, if any.</summary>
    public static string? Epmd =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/lib/erlang/bin")
            .Select(d => Path.Combine(d, "epmd"))
            .FirstOrDefault(File.Exists);

    /// <summary>amqp://guest:guest@127.0.0.1:port/ (the default virtual host), or a named virtual host.</summary>
    public string ConnectionString(string? virtualHost = null) =>
        $"amqp://guest:guest@127.0.0.1:{AmqpPort}/{Uri.EscapeDataString(virtualHost ?? "")}";

    /// <summary>Fixes the ports (free loopback ports unless given) and writes the node's config and plugin files.</summary>
    public void Prepare(int amqpPort, int? epmdPort = null)
    {
        AmqpPort = amqpPort;
        DistributionPort = FreePort.Next();
        EpmdPort = epmdPort ?? FreePort.Next();
        // The previous run's epmd port, read before this run's replaces it, so KillLeftoversAsync can stop that epmd.
        _previousEpmdPort = File.Exists(EpmdPortFile) && int.TryParse(File.ReadAllText(EpmdPortFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var previous)
            ? previous
            : null;
        Directory.CreateDirectory(LogDirectory);
        File.WriteAllText(Path.Combine(BaseDirectory, "rabbitmq.conf"), $"""
            listeners.tcp.default = 127.0.0.1:{AmqpPort}
            log.file.level = info
            log.console = true
            log.console.level = warning
            """ + "\n");
        // No plugins: the management UI would need one more port and seconds of start time.
        File.WriteAllText(Path.Combine(BaseDirectory, "enabled_plugins"), "[].\n");
        File.WriteAllText(EpmdPortFile, EpmdPort.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The environment rabbitmq-server and rabbitmqctl need to find this node and only this node.</summary>
    public Dictionary<string, string?> Environment() => new()
    {
        // The Erlang cookie lives in HOME: a private HOME keeps the node and its rabbitmqctl calls paired.
        ["HOME"] = BaseDirectory,
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(BaseDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = LogDirectory,
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(BaseDirectory, "rabbitmq.conf"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(BaseDirectory, "enabled_plugins"),
        ["RABBITMQ_PID_FILE"] = PidFile,
        ["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["ERL_EPMD_PORT"] = EpmdPort.ToString(CultureInfo.InvariantCulture),
        // Lets `epmd -kill` stop the private epmd even while a node is still registered (a VM still stopping, or one
        // a killed run left): by default epmd refuses, and the daemon would outlive everything.
        ["ERL_EPMD_RELAXED_COMMAND_CHECK"] = "1",
        ["RABBITMQ_ALLOW_INPUT"] = null,
    };

    /// <summary>
    /// Kills what a run that was itself killed (SIGKILL) may have left of this node: the Erlang VM named in the pid
    /// file, if it still runs (two VMs on one data directory would corrupt it), and the epmd daemon of that run.
    /// </summary>
    public async Task KillLeftoversAsync()
    {
        if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            var cmdline = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "cmdline");
            if (File.Exists(cmdline) && File.ReadAllText(cmdline).Contains(NodeName, StringComparison.Ordinal))
            {
                ProcessRunner.Signal(pid, ProcessRunner.SigKill);
            }
            File.Delete(PidFile);
        }
        foreach (var port in new[] { _previousEpmdPort, EpmdPort }.OfType<int>().Distinct())
        {
            await StopEpmdAsync(port);
        }
    }

    /// <summary>
    /// Runs rabbitmqctl against this node and returns its output; throws when it fails. Each call boots an Erlang VM:
    /// a dozen at once on a small machine starve each other past any timeout, so at most two run at a time (per process).
    /// </summary>
    public async Task<string> CtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        await CtlSlots.WaitAsync(cancellationToken);
        ProcessRunner.Result result;
        try
        {
            result = await ProcessRunner.RunAsync(CtlScript, ["-n", NodeName, .. arguments], Environment(), timeout: TimeSpan.FromSeconds(180), cancellationToken: cancellationToken);
        }
        finally
        {
            CtlSlots.Release();
        }
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Output}");
        }
        return result.Output;
    }

    /// <summary>Stops the node's private epmd (erl starts one as a daemon; nothing else would stop it).</summary>
    public Task StopEpmdAsync() => StopEpmdAsync(EpmdPort);

    private async Task StopEpmdAsync(int port)
    {
        if (Epmd is not { } epmd || port == 0)
        {
            return;
        }
        try
        {
            await ProcessRunner.RunAsync(epmd, ["-port", port.ToString(CultureInfo.InvariantCulture), "-kill"], Environment(), timeout: TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // An epmd left behind only holds its private port; it does not affect the next run.
        }
    }
}

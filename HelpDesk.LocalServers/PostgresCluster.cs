namespace HelpDesk.LocalServers;

/// <summary>A <see cref="PostgresClusterLayout"/> run with pg_ctl start/stop (test fixtures), on a free loopback port.</summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly PostgresClusterLayout _layout;
    private bool _started;

    public PostgresCluster(string directory, int? port = null)
    {
        _layout = new PostgresClusterLayout(directory);
        Port = port ?? FreePort.Next();
    }

    public int Port { get; private set; }

    public string LogFile => _layout.LogFile;

    public bool IsRunning => _started;

    public static bool IsInstalled => PostgresClusterLayout.IsInstalled;

    /// <summary>Npgsql connection string for <paramref name="database"/> (Aspire's shape: Host=…;Port=…;Username=…;Database=…).</summary>
    public string ConnectionString(string database = "postgres") => PostgresClusterLayout.ConnectionString(Port, database);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            return;
        }
        await _layout.InitializeAsync(cancellationToken);
        if (await FreePort.AcceptsAsync(Port, cancellationToken))
        {
            Port = FreePort.Next();
        }
        var start = await ProcessRunner.RunAsync(_layout.PgCtl,
            ["-D", _layout.DataDirectory, "-o", string.Join(' ', PostgresClusterLayout.ServerOptions(Port).Select(o => o.Length == 0 || o.EndsWith('=') ? o + "''" : o)),
             "-l", _layout.LogFile, "-w", "-t", "90", "start"],
            asUser: PostgresClusterLayout.ServerUser, timeout: TimeSpan.FromSeconds(120), ownSession: true, cancellationToken: cancellationToken);
        if (!start.Succeeded)
        {
            var log = File.Exists(_layout.LogFile) ? string.Join('\n', File.ReadLines(_layout.LogFile).TakeLast(20)) : "";
            throw new InvalidOperationException($"PostgreSQL did not start ({start.ExitCode}): {start.Output}\n{log}");
        }
        _started = true;
    }

    /// <summary>Creates a database (no-op when it exists) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await PostgresClusterLayout.CreateDatabaseAsync(Port, name, cancellationToken);
        return ConnectionString(name);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_started)
        {
            return;
        }
        _started = false;
        var stop = await ProcessRunner.RunAsync(_layout.PgCtl, ["-D", _layout.DataDirectory, "stop", "-m", "fast", "-w", "-t", "60"],
            asUser: PostgresClusterLayout.ServerUser, timeout: TimeSpan.FromSeconds(90), cancellationToken: cancellationToken);
        if (!stop.Succeeded)
        {
            await ProcessRunner.RunAsync(_layout.PgCtl, ["-D", _layout.DataDirectory, "stop", "-m", "immediate", "-w"],
                asUser: PostgresClusterLayout.ServerUser, timeout: TimeSpan.FromSeconds(60), cancellationToken: CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}

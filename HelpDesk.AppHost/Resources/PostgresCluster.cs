using System.Globalization;
using Npgsql;

namespace HelpDesk.AppHost.Resources;

/// <summary>
/// A private PostgreSQL cluster run from the installed server binaries: initdb once into its directory, then
/// pg_ctl start/stop on a loopback port with trust authentication. When we are root the server runs as the
/// postgres user (PostgreSQL refuses to run as root).
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string ServerUser = "postgres";
    private bool _started;

    public PostgresCluster(string directory, int? port = null)
    {
        Directory.CreateDirectory(directory);
        BaseDirectory = Path.GetFullPath(directory);
        Port = port ?? FreePort.Next();
        PgCtl = LocalBinaries.RequirePostgres("pg_ctl");
        InitDb = LocalBinaries.FindPostgres("initdb") is { } initdb && Path.GetDirectoryName(initdb) == Path.GetDirectoryName(PgCtl)
            ? initdb
            : Path.Combine(Path.GetDirectoryName(PgCtl)!, "initdb");
        if (!File.Exists(InitDb))
        {
            throw new MissingBinaryException("initdb", LocalBinaries.PostgresPackage);
        }
    }

    public string BaseDirectory { get; }

    public string DataDirectory => Path.Combine(BaseDirectory, "data");

    public string LogFile => Path.Combine(BaseDirectory, "postgres.log");

    public int Port { get; private set; }

    public string PgCtl { get; }

    public string InitDb { get; }

    public bool IsRunning => _started;

    public static bool IsInstalled => LocalBinaries.FindPostgres("pg_ctl") is not null;

    /// <summary>Npgsql connection string for <paramref name="database"/> (Aspire's shape: Host=…;Port=…;Username=…;Database=…).</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            return;
        }
        ProcessRunner.MakeOwnedBy(BaseDirectory, ServerUser);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            var init = await ProcessRunner.RunAsync(InitDb,
                ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                asUser: ServerUser, timeout: TimeSpan.FromMinutes(2), cancellationToken: cancellationToken);
            if (!init.Succeeded)
            {
                throw new InvalidOperationException($"initdb failed ({init.ExitCode}): {init.Output}");
            }
        }
        else
        {
            // A server left running by an earlier run that was killed would hold the data directory: stop it first.
            var status = await ProcessRunner.RunAsync(PgCtl, ["-D", DataDirectory, "status"], asUser: ServerUser, timeout: TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
            if (status.Succeeded)
            {
                await ProcessRunner.RunAsync(PgCtl, ["-D", DataDirectory, "stop", "-m", "fast", "-w"], asUser: ServerUser, timeout: TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
            }
        }
        if (await FreePort.AcceptsAsync(Port, cancellationToken))
        {
            Port = FreePort.Next();
        }

        // Loopback TCP only, no Unix socket (temp paths can exceed the socket path limit); fsync off is fine for
        // a local evaluation or test cluster and makes start-up and commits much faster on shared disks.
        var options = string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            "-c unix_socket_directories=''",
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "-c max_connections=200");
        var start = await ProcessRunner.RunAsync(PgCtl,
            ["-D", DataDirectory, "-o", options, "-l", LogFile, "-w", "-t", "90", "start"],
            asUser: ServerUser, timeout: TimeSpan.FromSeconds(120), ownSession: true, cancellationToken: cancellationToken);
        if (!start.Succeeded)
        {
            var log = File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(20)) : "";
            throw new InvalidOperationException($"PostgreSQL did not start ({start.ExitCode}): {start.Output}\n{log}");
        }
        _started = true;
    }

    /// <summary>Creates a database (no-op when it exists) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        return ConnectionString(name);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_started)
        {
            return;
        }
        _started = false;
        var stop = await ProcessRunner.RunAsync(PgCtl, ["-D", DataDirectory, "stop", "-m", "fast", "-w", "-t", "60"],
            asUser: ServerUser, timeout: TimeSpan.FromSeconds(90), cancellationToken: cancellationToken);
        if (!stop.Succeeded)
        {
            await ProcessRunner.RunAsync(PgCtl, ["-D", DataDirectory, "stop", "-m", "immediate", "-w"],
                asUser: ServerUser, timeout: TimeSpan.FromSeconds(60), cancellationToken: CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}

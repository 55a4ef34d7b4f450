using System.Globalization;
using Npgsql;

namespace HelpDesk.LocalServers;

/// <summary>
/// A private PostgreSQL cluster under one directory, run from the installed server binaries: initdb once, trust
/// authentication, listening on a loopback port only. When we are root the server runs as the postgres user
/// (PostgreSQL refuses to run as root). Says how to run it; <see cref="PostgresCluster"/> (tests, pg_ctl) and the
/// AppHost's executable resource (DCP, the server in the foreground) do the running.
/// </summary>
public sealed class PostgresClusterLayout
{
    public const string ServerUser = "postgres";

    public PostgresClusterLayout(string directory)
    {
        Directory.CreateDirectory(directory);
        BaseDirectory = Path.GetFullPath(directory);
        PgCtl = LocalBinaries.RequirePostgres("pg_ctl");
        var bin = Path.GetDirectoryName(PgCtl)!;
        InitDb = Path.Combine(bin, "initdb");
        Server = Path.Combine(bin, "postgres");
        foreach (var tool in new[] { InitDb, Server })
        {
            if (!File.Exists(tool))
            {
                throw new MissingBinaryException(Path.GetFileName(tool), LocalBinaries.PostgresPackage);
            }
        }
    }

    /// <summary>How long a supervised server's fast shutdown may take before it becomes an immediate one.</summary>
    public static TimeSpan FastStopGrace { get; } = TimeSpan.FromSeconds(3);

    public string BaseDirectory { get; }

    public string DataDirectory => Path.Combine(BaseDirectory, "data");

    public string LogFile => Path.Combine(BaseDirectory, "postgres.log");

    public string PgCtl { get; }

    public string InitDb { get; }

    public string Server { get; }

    public static bool IsInstalled => LocalBinaries.FindPostgres("pg_ctl") is not null;

    /// <summary>Npgsql connection string (Aspire's shape: Host=…;Port=…;Username=…;Database=…).</summary>
    public static string ConnectionString(int port, string database = "postgres") =>
        $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database}";

    /// <summary>
    /// Creates the cluster on first use; on later runs stops a server that a killed earlier run left holding the
    /// data directory, so the next start never fails on a stale postmaster.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        ProcessRunner.MakeOwnedBy(BaseDirectory, ServerUser);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            var init = await ProcessRunner.RunAsync(InitDb,
                ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                asUser: ServerUser, timeout: TimeSpan.FromMinutes(2), cancellationToken: cancellationToken);
            if (!init.Succeeded)
            {
                throw new InvalidOperationException(
                    $"initdb in {DataDirectory} failed ({init.ExitCode}): {init.Output.Trim()}" +
                    (ProcessRunner.IsRoot ? $" (the server runs as user {ServerUser}: every folder above {BaseDirectory} must let it through, e.g. chmod o+x)" : ""));
            }
            return;
        }
        await StopIfRunningAsync(cancellationToken);
    }

    /// <summary>
    /// Server settings: loopback TCP only, no Unix socket (temp paths can exceed the socket path limit); fsync off is
    /// fine for a local evaluation or test cluster and makes start-up and commits much faster on shared disks.
    /// With <see cref="DurableVariable"/> set (load drivers set it) the server keeps PostgreSQL's own durability
    /// (fsync, synchronous_commit, full-page writes), so throughput figures are those of a production setting.
    /// </summary>
    public static IReadOnlyList<string> ServerOptions(int port) =>
    [
        "-c", "listen_addresses=127.0.0.1",
        "-p", port.ToString(CultureInfo.InvariantCulture),
        "-c", "unix_socket_directories=",
        .. Durable ? (string[])[] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
        // Services cap their pools (HelpDesk:Database:MaxPoolSize, 20): ten processes with --replicas 2, plus migrators.
        "-c", "max_connections=300",
    ];

    /// <summary>HELPDESK_POSTGRES_DURABLE=1: a local cluster with fsync, synchronous_commit and full-page writes on.</summary>
    public const string DurableVariable = "HELPDESK_POSTGRES_DURABLE";

    public static bool Durable => Environment.GetEnvironmentVariable(DurableVariable) is "1" or "true";

    /// <summary>
    /// The server in the foreground (for a supervisor such as DCP): the program and its arguments. A supervisor stops
    /// with SIGTERM, which PostgreSQL takes as "smart" shutdown (wait for every pooled client to leave, i.e. forever);
    /// a small shell turns it into SIGINT, the fast shutdown (roll back, disconnect, checkpoint, exit), and into
    /// SIGQUIT, the immediate one (WAL replay at the next start; nothing committed is lost), if that still runs after
    /// <see cref="FastStopGrace"/>. The server writes to <see cref="LogFile"/>, which the shell follows on its own
    /// stdout: only the shell and that tail hold the supervisor's pipe. DCP allows 6 s from SIGTERM before it kills
    /// the shell, and waits for its pipe to close; a server that still holds the pipe then leaves the resource in
    /// state Unknown, so the server must not hold it. A server still stopping after the shell was killed is finished
    /// by <see cref="StopIfRunningAsync"/> before the next start.
    /// </summary>
    public (string File, IReadOnlyList<string> Arguments) ForegroundServer(int port)
    {
        var grace = FastStopGrace.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        var log = "'" + LogFile.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var stop = $"""
            touch {log}; tail -n 0 -s 0.5 -F --pid=$$ {log} 2>/dev/null &
            "$0" "$@" >>{log} 2>&1 & pid=$!
            trap 'kill -INT $pid; (sleep {grace}; kill -QUIT $pid) >/dev/null 2>&1 & timer=$!' TERM INT
            wait $pid; trap - TERM INT
            wait $pid; status=$?
            [ -n "$timer" ] && kill $timer 2>/dev/null
            exit $status
            """;
        IReadOnlyList<string> server = ["/bin/sh", "-c", stop, Server, "-D", DataDirectory, .. ServerOptions(port)];
        // setpriv changes user and then execs: no process of its own between the supervisor and the shell.
        return ProcessRunner.IsRoot
            ? (LocalBinaries.RequireSetpriv(), ["--reuid=" + ServerUser, "--regid=" + ServerUser, "--init-groups", "--", .. server])
            : (server[0], server.Skip(1).ToList());
    }

    /// <summary>
    /// Stops a server still running on the data directory (one a killed run left, or one still stopping after its
    /// supervisor gave up): immediate shutdown, waited for, so the next start never fails on a stale postmaster.
    /// </summary>
    public async Task StopIfRunningAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            return;
        }
        var status = await ProcessRunner.RunAsync(PgCtl, ["-D", DataDirectory, "status"], asUser: ServerUser, timeout: TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
        if (status.Succeeded)
        {
            await ProcessRunner.RunAsync(PgCtl, ["-D", DataDirectory, "stop", "-m", "immediate", "-w"], asUser: ServerUser, timeout: TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
        }
    }

    /// <summary>Creates a database (no-op when it exists).</summary>
    public static async Task CreateDatabaseAsync(int port, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(port));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

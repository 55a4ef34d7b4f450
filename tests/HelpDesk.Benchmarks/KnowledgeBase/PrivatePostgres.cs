using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HelpDesk.Benchmarks.KnowledgeBase;

/// <summary>
/// A throw-away PostgreSQL cluster for a benchmark run (initdb + pg_ctl on a free loopback port, trust auth,
/// stopped and deleted afterwards). initdb refuses root, so as root it runs through runuser as postgres.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _directory;

    private PrivatePostgres(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>
    /// CPU seconds used by the server so far: the postmaster, its live backends and (cutime/cstime) the backends that
    /// already exited. Lets the comparison report CPU cost, which stays meaningful on a shared, busy machine.
    /// </summary>
    public double ServerCpuSeconds()
    {
        var pidFile = Path.Combine(_directory, "data", "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
        {
            return double.NaN;
        }
        var ticks = 0L;
        foreach (var stat in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)).Select(d => Path.Combine(d, "stat")))
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            // Fields after the parenthesised command: state ppid … utime(14) stime(15) cutime(16) cstime(17).
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var pid = int.Parse(Path.GetFileName(Path.GetDirectoryName(stat))!, System.Globalization.CultureInfo.InvariantCulture);
            var parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            if (pid == postmaster)
            {
                ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[14], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (parent == postmaster)
            {
                ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return ticks / 100.0; // USER_HZ
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=32";

    public static async Task<PrivatePostgres?> StartAsync(CancellationToken cancellationToken)
    {
        if (Which("initdb") is null || Which("pg_ctl") is null)
        {
            Console.WriteLine("PostgreSQL binaries (initdb, pg_ctl) not on PATH: skipping the PostgreSQL comparison.");
            return null;
        }
        var directory = Path.Combine(Path.GetTempPath(), $"kb-bench-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory], false, cancellationToken);
        }
        var data = Path.Combine(directory, "data");
        await RunAsync("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"], asRoot, cancellationToken);
        await RunAsync("pg_ctl", ["-D", data, "-l", Path.Combine(directory, "log.txt"), "-w", "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=4GB -c maintenance_work_mem=512MB", "start"], asRoot, cancellationToken);
        return new PrivatePostgres(directory, port);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("pg_ctl", ["-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "stop"], Environment.UserName == "root", CancellationToken.None);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(p => Path.Combine(p, program)).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

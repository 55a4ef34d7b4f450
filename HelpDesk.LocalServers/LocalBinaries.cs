namespace HelpDesk.LocalServers;

/// <summary>Finds the server binaries (RabbitMQ, PostgreSQL) that local runs and tests start privately.</summary>
public static class LocalBinaries
{
    public const string RabbitMqPackage = "rabbitmq-server";
    public const string PostgresPackage = "postgresql";

    /// <summary>
    /// RabbitMQ's own scripts. Debian's /usr/sbin/rabbitmq-server is a wrapper that switches to the rabbitmq user and
    /// drops the environment, so the real scripts in /usr/lib/rabbitmq/bin come first.
    /// </summary>
    public static string? FindRabbitMq(string script = "rabbitmq-server") =>
        FindFirst(["/usr/lib/rabbitmq/bin"], script, allowPath: true, extra: ["/usr/sbin", "/usr/local/sbin", "/opt/rabbitmq/sbin"]);

    /// <summary>PostgreSQL server tools (initdb, pg_ctl, postgres): PATH first, then the newest /usr/lib/postgresql/*/bin.</summary>
    public static string? FindPostgres(string tool = "pg_ctl")
    {
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .ToArray()
            : [];
        return FindFirst([], tool, allowPath: true, extra: [.. versioned, "/usr/pgsql/bin", "/usr/local/pgsql/bin"]);
    }

    public static string RequireRabbitMq(string script = "rabbitmq-server") =>
        FindRabbitMq(script) ?? throw new MissingBinaryException(script, RabbitMqPackage);

    public static string RequirePostgres(string tool = "pg_ctl") =>
        FindPostgres(tool) ?? throw new MissingBinaryException(tool, PostgresPackage);

    /// <summary>util-linux's setpriv: runs a server as another user without an intermediate process.</summary>
    public static string RequireSetpriv() =>
        FindFirst([], "setpriv", allowPath: true, extra: ["/usr/bin", "/bin"]) ?? throw new MissingBinaryException("setpriv", "util-linux");

    private static string? FindFirst(string[] preferred, string name, bool allowPath, string[] extra)
    {
        var path = allowPath
            ? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [];
        foreach (var directory in preferred.Concat(path).Concat(extra))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}

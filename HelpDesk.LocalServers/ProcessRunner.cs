using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace HelpDesk.LocalServers;

/// <summary>Runs server tools (initdb, pg_ctl, rabbitmqctl) to completion, as another user when needed.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    public static bool IsRoot => !OperatingSystem.IsWindows() && Geteuid() == 0;

    /// <summary>
    /// Starts <paramref name="file"/> (via runuser when <paramref name="asUser"/> is set and we are root). With
    /// <paramref name="ownSession"/> it runs in a session of its own (setsid, same pid): Ctrl+C in the terminal then
    /// reaches only the launcher, which stops its children in order instead of all of them at once.
    /// </summary>
    public static ProcessStartInfo StartInfo(
        string file, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, string? asUser = null,
        string? workingDirectory = null, bool ownSession = false)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        var setsid = ownSession ? SetsidLocations.FirstOrDefault(File.Exists) : null;
        if (setsid is not null)
        {
            info.FileName = setsid;
        }
        if (asUser is not null && IsRoot)
        {
            Add(FindRunuser());
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(asUser);
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(file);
        }
        else
        {
            Add(file);
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }
        return info;

        void Add(string program)
        {
            if (string.IsNullOrEmpty(info.FileName))
            {
                info.FileName = program;
            }
            else
            {
                info.ArgumentList.Add(program);
            }
        }
    }

    public static async Task<Result> RunAsync(
        string file, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, string? asUser = null,
        TimeSpan? timeout = null, bool ownSession = false, CancellationToken cancellationToken = default)
    {
        using var process = new Process { StartInfo = StartInfo(file, arguments, environment, asUser, ownSession: ownSession) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} did not finish in time.\n{output}");
        }
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }

    /// <summary>Sends a POSIX signal (SIGTERM for a clean stop; .NET's Process.Kill only sends SIGKILL).</summary>
    public static bool Signal(int pid, int signal) => !OperatingSystem.IsWindows() && Kill(pid, signal) == 0;

    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>
    /// chown -R as root. A server that an earlier, killed run left behind may still be exiting and removing its files
    /// (postmaster.pid) while we walk the tree, which fails chown on a file that just vanished: try again briefly.
    /// </summary>
    public static void MakeOwnedBy(string directory, string user)
    {
        if (!IsRoot)
        {
            return;
        }
        var error = "";
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", user, directory]) { UseShellExecute = false, RedirectStandardError = true })!;
            error = chown.StandardError.ReadToEnd();
            chown.WaitForExit();
            if (chown.ExitCode == 0)
            {
                return;
            }
            Thread.Sleep(TimeSpan.FromMilliseconds(200 * attempt));
        }
        throw new InvalidOperationException($"Could not give {directory} to user {user}: {error.Trim()}");
    }

    private static readonly string[] SetsidLocations = ["/usr/bin/setsid", "/bin/setsid"];

    private static readonly string[] RunuserLocations = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"];

    private static string FindRunuser() =>
        RunuserLocations.FirstOrDefault(File.Exists)
        ?? throw new MissingBinaryException("runuser", "util-linux");

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint Geteuid();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

using System.Diagnostics;

namespace HelpDesk.AppHost.Hosting;

/// <summary>Whether RabbitMQ and PostgreSQL can run as Aspire's stock container resources here.</summary>
public static class ContainerRuntime
{
    /// <summary>
    /// `--containers` / `--no-containers` decide; otherwise a docker or podman CLI that answers `info` within a few
    /// seconds means yes. Without one (this is the usual development VM and CI), the installed binaries are used.
    /// </summary>
    public static bool IsUsable(bool? requested) => requested ?? (Answers("docker") || Answers("podman"));

    private static bool Answers(string cli)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, cli)).FirstOrDefault(File.Exists);
        if (path is null)
        {
            return false;
        }
        try
        {
            using var process = Process.Start(new ProcessStartInfo(path, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

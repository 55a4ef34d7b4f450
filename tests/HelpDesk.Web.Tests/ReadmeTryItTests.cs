using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Testing.Infrastructure;

namespace HelpDesk.Web.Tests;

/// <summary>
/// README.md's "Try it" block, pasted as a newcomer would: against an AppHost started on a new data directory (so
/// with the demo data), from a directory whose .helpdesk-data is that data directory. Every command must succeed and
/// the output must show what the README says it shows.
/// </summary>
public sealed partial class ReadmeTryItTests
{
    [Fact]
    public async Task The_try_it_block_runs_as_pasted_and_shows_routing_sla_kb_mail_and_webhooks()
    {
        using var root = new TempDirectory("helpdesk-readme");
        var data = Path.Combine(root.Path, ".helpdesk-data");
        var port = InfrastructureRequirement.FreeLoopbackPort();
        // A data directory that does not exist yet: the demo data comes by default, as on a newcomer's first start.
        await using var apphost = ChildProcess.Start("HelpDesk.AppHost", ["--port", port.ToString(CultureInfo.InvariantCulture), "--data", data, "--no-dashboard"]);
        try
        {
            await RunTryItAsync(apphost, port, root.Path);
        }
        finally
        {
            // Ctrl+C as a newcomer would, so DCP stops what it started; what does not stop is killed on dispose.
            apphost.Terminate();
            try
            {
                await apphost.WaitForExitAsync(TimeSpan.FromSeconds(60));
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static async Task RunTryItAsync(ChildProcess apphost, int port, string directory)
    {
        await apphost.WaitForLineAsync("Press Ctrl+C to stop.", TimeSpan.FromMinutes(10));
        Assert.Contains(apphost.Lines, l => l.StartsWith("Demo data: 36 knowledge-base articles", StringComparison.Ordinal));

        var script = TryItBlock().Replace("http://localhost:5080", $"http://localhost:{port}", StringComparison.Ordinal);
        var (exit, output) = await RunBashAsync(script, directory, TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, $"The Try it block failed ({exit}):\n{output}\n--- AppHost:\n{apphost.Output}");

        var number = Regex.Match(output, @"^HD-\d{6}$", RegexOptions.Multiline).Value;
        Assert.Equal("HD-000009", number);
        Assert.Contains("\"queue\":\"network\",\"category\":\"Access\"", output, StringComparison.Ordinal);
        Assert.Matches("\"assigneeName\":\"[^\"]+\"|\"status\":\"(New|Assigned)\"", output);
        Assert.Contains("\"metric\":\"FirstResponse\"", output, StringComparison.Ordinal);
        Assert.Contains("\"policy\":\"network-rome\"", output, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"VPN disconnects or will not connect\"", output, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Le VPN se déconnecte ou ne se connecte pas\"", output, StringComparison.Ordinal);
        Assert.Contains($"Subject: [{number}]", output, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Healthy\"", output, StringComparison.Ordinal);
        Assert.Contains(apphost.Lines, l => l.Contains($"webhook    ← ticket.submitted {number}", StringComparison.Ordinal));
    }

    /// <summary>The first ```bash block after "## Try it" in README.md.</summary>
    private static string TryItBlock()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("## Try it", StringComparison.Ordinal)..];
        var match = BashBlock().Match(section);
        Assert.True(match.Success, "README.md has no ```bash block under ## Try it.");
        return match.Groups[1].Value;
    }

    private static async Task<(int Exit, string Output)> RunBashAsync(string script, string directory, TimeSpan limit)
    {
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-e", "-o", "pipefail", "-c", script])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await bash.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            bash.Kill(entireProcessTree: true);
            return (-1, $"timed out after {limit}:\n{await stdout}\n{await stderr}");
        }
        return (bash.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HelpDesk.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("No HelpDesk.sln above the test output.");
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}

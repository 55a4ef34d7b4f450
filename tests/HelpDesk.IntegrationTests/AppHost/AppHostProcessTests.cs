using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.LocalServers;
using HelpDesk.Testing.Infrastructure;
using HelpDesk.Testing.Web;

namespace HelpDesk.AppHostRuns;

/// <summary>
/// `dotnet run --project HelpDesk.AppHost` as an operator runs it: a process of its own, stopped with SIGTERM (what
/// Ctrl+C and Kubernetes ask for) or killed with SIGKILL. Every process it started (DCP, the dashboard, services,
/// RabbitMQ, PostgreSQL) carries the data directory in its command line or environment, which is how leftovers are found.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class AppHostProcessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Embedded_mode_prints_the_gateway_key_and_dashboard_and_sigterm_stops_everything()
    {
        using var data = new TempDirectory("helpdesk-apphost-embedded");
        var port = InfrastructureRequirement.FreeLoopbackPort();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://localhost:{InfrastructureRequirement.FreeLoopbackPort()}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{InfrastructureRequirement.FreeLoopbackPort()}",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
        };
        await using var apphost = ChildProcess.Start("HelpDesk.AppHost", ["--port", Text(port), "--data", data.Path], environment);

        await apphost.WaitForLineAsync("HelpDesk is running (embedded", StartPatience);
        var key = KeyLine().Match(apphost.Output).Groups["key"].Value;
        Assert.Equal(File.ReadAllText(Path.Combine(data.Path, "gateway-api-key")).Trim(), key);
        Assert.Matches(@"dashboard  http://localhost:\d+/login\?t=[0-9a-f]+", apphost.Output);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tickets", TestContext.Current.CancellationToken)).StatusCode);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tickets", TestContext.Current.CancellationToken)).StatusCode);

        apphost.Terminate();
        Assert.Equal(0, await apphost.WaitForExitAsync(TimeSpan.FromMinutes(3)));
        // The AppHost exits only after DCP has stopped every resource.
        Assert.Empty(ProcessesMentioning(data.Path));
    }

    [Fact]
    public async Task A_port_in_use_stops_the_apphost_with_the_resource_named_and_exit_code_1()
    {
        using var data = new TempDirectory("helpdesk-apphost-busy");
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        await using var apphost = ChildProcess.Start("HelpDesk.AppHost", ["--port", Text(port), "--data", data.Path, "--no-dashboard"]);

        Assert.Equal(1, await apphost.WaitForExitAsync(StartPatience));
        Assert.Contains("!!! Start-up failed: gateway", apphost.Output, StringComparison.Ordinal);
        // The gateway's own last words (Kestrel's bind failure) follow, from the console DCP captured.
        var tail = apphost.Output[apphost.Output.IndexOf("!!! Last lines of gateway:", StringComparison.Ordinal)..];
        Assert.Contains("address already in use", tail, StringComparison.OrdinalIgnoreCase);
        await Eventually.TrueAsync(() => Task.FromResult(ProcessesMentioning(data.Path).Count == 0), TimeSpan.FromSeconds(60), "nothing left running");
    }

    /// <summary>
    /// The local PostgreSQL runs as user postgres; a data directory it cannot reach used to leave the orchestrator
    /// waiting for the databases forever, with nothing printed. Now the start fails at once, naming the directory.
    /// </summary>
    [Fact]
    public async Task Distributed_mode_with_a_postgres_directory_it_cannot_reach_fails_at_once_naming_it()
    {
        if (!InfrastructureRequirement.RabbitMqInstalled || !InfrastructureRequirement.PostgresInstalled || Environment.UserName != "root")
        {
            InfrastructureRequirement.SkipOrFail("needs rabbitmq-server and postgresql installed, and root (the server then runs as user postgres).");
        }
        using var parent = new TempDirectory("helpdesk-apphost-closed");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(parent.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var data = Path.Combine(parent.Path, "data");
        string[] args = ["--distributed", "--no-containers", "--no-dashboard", "--no-demo", "--port", Text(InfrastructureRequirement.FreeLoopbackPort()), "--data", data];

        await using var apphost = ChildProcess.Start("HelpDesk.AppHost", args);

        Assert.Equal(1, await apphost.WaitForExitAsync(StartPatience));
        Assert.Contains("!!! Start-up failed: postgres is FailedToStart", apphost.Output, StringComparison.Ordinal);
        Assert.Contains($"could not access directory \"{Path.Combine(data, "distributed", "postgres", "data")}\"", apphost.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("HelpDesk is running", apphost.Output, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Task.FromResult(ProcessesMentioning(data).Count == 0), TimeSpan.FromSeconds(120), "nothing left running");
    }

    [Fact]
    public async Task Distributed_mode_after_a_sigkill_of_the_apphost_starts_again_on_the_same_data_and_port()
    {
        if (!InfrastructureRequirement.RabbitMqInstalled || !InfrastructureRequirement.PostgresInstalled)
        {
            InfrastructureRequirement.SkipOrFail("--distributed needs rabbitmq-server and postgresql installed.");
        }
        using var data = new TempDirectory("helpdesk-apphost-killed");
        var port = InfrastructureRequirement.FreeLoopbackPort();
        string[] args = ["--distributed", "--no-containers", "--no-dashboard", "--port", Text(port), "--data", data.Path];

        await using (var first = ChildProcess.Start("HelpDesk.AppHost", args))
        {
            await first.WaitForLineAsync("HelpDesk is running (distributed", StartPatience);
            first.KillAbruptly();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        output.WriteLine($"right after SIGKILL: {string.Join("; ", ProcessesMentioning(data.Path))}");

        // Immediately, with whatever the killed run left: same data directory (RabbitMQ node, PostgreSQL cluster), same port.
        await using var second = ChildProcess.Start("HelpDesk.AppHost", args);
        await second.WaitForLineAsync("HelpDesk is running (distributed", StartPatience);
        var key = KeyLine().Match(second.Output).Groups["key"].Value;
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tickets", TestContext.Current.CancellationToken)).StatusCode);
        // The web app runs in this mode too: a demo requester signs in at the identity service (the web client it
        // registers) and the portal home shows routing's seeded choices, fetched through the gateway.
        var gateway = new Uri($"http://localhost:{port}/");
        using (var ada = await WebSession.SignInAsync(gateway, "ada", LocalIdentity.DemoPasswords(data.Path)["ada"], 4, TestContext.Current.CancellationToken))
        {
            Assert.Contains("Something is broken", await ada.Http.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromMinutes(3)));
        // RabbitMQ's clean stop (rabbitmqctl) and PostgreSQL's checkpoint can outlast DCP's wait on a loaded machine;
        // they finish on their own, and nothing of either run may be left after that.
        await Eventually.TrueAsync(() => Task.FromResult(ProcessesMentioning(data.Path).Count == 0), TimeSpan.FromSeconds(180),
            "no process of either run left: " + string.Join("; ", ProcessesMentioning(data.Path)));
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Processes whose command line or environment names the data directory.</summary>
    private static List<string> ProcessesMentioning(string directory)
    {
        var found = new List<string>();
        foreach (var proc in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ');
                var environ = File.ReadAllText(Path.Combine(proc, "environ"));
                if (cmdline.Contains(directory, StringComparison.Ordinal) || environ.Contains(directory, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(proc)}: {cmdline}");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return found;
    }

    [GeneratedRegex(@"API key    (?<key>hdk_[A-Za-z0-9_-]+)")]
    private static partial Regex KeyLine();
}

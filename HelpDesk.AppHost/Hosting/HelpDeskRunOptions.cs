using System.Globalization;

namespace HelpDesk.AppHost.Hosting;

/// <summary>
/// The AppHost's own command line: `--distributed`, `--port N`, `--data DIR`, `--containers` / `--no-containers`,
/// `--no-dashboard`, `--demo` / `--no-demo`, `--replicas N` (distributed: N processes each of gateway, intake, routing, KB, SLA and notifications).
/// Everything else goes to Aspire's configuration (e.g. `--Services:Logging:LogLevel:Default=Debug`).
/// </summary>
public sealed record HelpDeskRunOptions(bool Distributed, int GatewayPort, string DataDirectory, bool? Containers, bool Dashboard, string[] AspireArgs)
{
    public const int DefaultGatewayPort = 5080;

    /// <summary>Processes each of gateway, intake, routing, KB, SLA and notifications in distributed mode (the replica fault test runs two).</summary>
    public int Replicas { get; init; } = 1;

    public static HelpDeskRunOptions Parse(string[] args)
    {
        var distributed = Environment.GetEnvironmentVariable("HELPDESK_DISTRIBUTED") is "1" or "true";
        var port = DefaultGatewayPort;
        var data = Environment.GetEnvironmentVariable("HELPDESK_DATA") ?? Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), ".helpdesk-data");
        bool? demo = null;
        bool? containers = null;
        var dashboard = true;
        var replicas = 1;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--distributed":
                    distributed = true;
                    break;
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p):
                    port = p;
                    i++;
                    break;
                case "--data" when i + 1 < args.Length:
                    data = args[++i];
                    break;
                case "--containers":
                    containers = true;
                    break;
                case "--no-containers":
                    containers = false;
                    break;
                case "--no-dashboard":
                    dashboard = false;
                    break;
                case "--demo":
                    demo = true;
                    break;
                case "--no-demo":
                    demo = false;
                    break;
                case "--replicas" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0:
                    replicas = r;
                    i++;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        // Port 0 (tests, parallel runs): a free port now, so the printed URL is the real one.
        var directory = Path.GetFullPath(data);
        // Demo data: asked for, or by default the first time a data directory is created (docs/foundation.md).
        return new HelpDeskRunOptions(distributed, port == 0 ? LocalServers.FreePort.Next() : port, directory, containers, dashboard, [.. rest])
        {
            Demo = demo ?? !Directory.Exists(directory),
            Replicas = replicas,
        };
    }

    /// <summary>
    /// The clone's root (where HelpDesk.sln is), found from the working directory or the AppHost's own files: `dotnet run`
    /// runs the AppHost in its project directory, but a newcomer expects .helpdesk-data at the root of the clone.
    /// </summary>
    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "HelpDesk.sln")))
                {
                    return directory.FullName;
                }
            }
        }
        return null;
    }

    /// <summary>Seed demo data through the APIs once the platform is healthy (DemoSeeder); never when publishing.</summary>
    public bool Demo { get; init; }

    /// <summary>Where distributed mode keeps RabbitMQ, PostgreSQL and each service's local state.</summary>
    public string DistributedDirectory => Path.Combine(DataDirectory, "distributed");

    /// <summary>Where a local run keeps outgoing e-mail (.eml files) when no SMTP server is configured.</summary>
    public string MailDirectory => Path.Combine(Distributed ? DistributedDirectory : DataDirectory, "mail");

    /// <summary>Demo people (LocalIdentity) unless the operator configures Identity:Users (--Services:Identity:Users:0:…).</summary>
    public bool DemoPeople { get; init; } = true;

    /// <summary>The local developer API key, created by the gateway on first start.</summary>
    public string LocalKeyFile => Path.Combine(DataDirectory, "gateway-api-key");
}

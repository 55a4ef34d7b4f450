namespace HelpDesk.AppHost;

/// <summary>A HelpDesk service as a deployable unit: what it is called, which project runs it and what it needs.</summary>
/// <param name="Name">Service-discovery name (services__{Name}__http__0) and Kubernetes name.</param>
/// <param name="Project">Project / assembly that runs it.</param>
/// <param name="Database">Its own database's connection name (ConnectionStrings__{Database}), if it has one.</param>
/// <param name="UsesBroker">Whether it needs ConnectionStrings__messaging.</param>
/// <param name="References">Services it calls over HTTP (it receives their services__ addresses).</param>
/// <param name="Public">Reachable from outside the cluster (only the gateway).</param>
/// <param name="Scalable">Stateless enough to scale out horizontally under load.</param>
public sealed record ServiceResource(
    string Name,
    string Project,
    string? Database,
    bool UsesBroker,
    IReadOnlyList<string> References,
    bool Public = false,
    bool Scalable = false)
{
    /// <summary>CPU and memory a replica asks for and may use at most (Kubernetes requests/limits).</summary>
    public ComputeResources Compute { get; init; } = ComputeResources.Standard;

    /// <summary>Replicas to run; for a <see cref="Scalable"/> service, the autoscaler's lower bound.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>The autoscaler's upper bound (only <see cref="Scalable"/> services are autoscaled).</summary>
    public int MaxReplicas { get; init; } = 1;

    /// <summary>Connection strings the service uses when present and works without (e.g. "elasticsearch").</summary>
    public IReadOnlyList<string> OptionalConnections { get; init; } = [];

    /// <summary>Non-secret settings with their deployed values, as environment names (e.g. "Intake__Email__Enabled").</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Secret settings the service reads when present, as environment names (e.g. "Intake__Email__Password").</summary>
    public IReadOnlyList<string> SecretSettings { get; init; } = [];

    /// <summary>Room for local state under the data directory (caches and indexes that are rebuilt, never the record).</summary>
    public string DataVolumeSize { get; init; } = "256Mi";

    /// <summary>Container image repository built by `dotnet publish -t:PublishContainer` (see Directory.Build.targets).</summary>
    public string ContainerRepository => "helpdesk/" + Project.Replace("HelpDesk.", "", StringComparison.Ordinal).ToLowerInvariant();
}

/// <summary>Kubernetes resource requests and limits of one replica (quantities as Kubernetes writes them).</summary>
public sealed record ComputeResources(string CpuRequest, string MemoryRequest, string CpuLimit, string MemoryLimit)
{
    public static readonly ComputeResources Standard = new("100m", "192Mi", "1", "512Mi");
}

/// <summary>
/// The one declaration of the platform's resources. The local launcher (embedded and --distributed) and the
/// Kubernetes publisher both read it, so what runs locally is what gets deployed.
/// </summary>
public static class Topology
{
    public const string BrokerName = "messaging";
    public const string DatabaseServerName = "postgres";

    /// <summary>The gateway's public key for the identity it forwards: every backend verifies with it (and accepts nothing else).</summary>
    public const string ServiceTokenVerificationKey = "HelpDesk__ServiceTokens__VerificationKeys__0";

    /// <summary>The secret of e-mail reply tokens, shared by Intake (verifies) and Notifications (issues).</summary>
    public const string EmailReplySecret = "HelpDesk__EmailReplySecret";

    public static readonly ServiceResource Intake = new("intake", "HelpDesk.Intake", "intakedb", UsesBroker: true, References: [], Scalable: true)
    {
        Compute = new("200m", "256Mi", "1", "512Mi"),
        Replicas = 2,
        MaxReplicas = 6,
        SecretSettings = [ServiceTokenVerificationKey, EmailReplySecret],
    };

    // The classifier model lives in memory.
    public static readonly ServiceResource Routing = new("routing", "HelpDesk.Routing", "routingdb", UsesBroker: true, References: [])
    {
        Compute = new("100m", "256Mi", "1", "768Mi"),
        SecretSettings = [ServiceTokenVerificationKey],
    };

    // Each replica keeps its own Lucene index under the data directory, rebuilt from kbdb at start.
    public static readonly ServiceResource KnowledgeBase = new("kb", "HelpDesk.KnowledgeBase", "kbdb", UsesBroker: true, References: [], Scalable: true)
    {
        Compute = new("200m", "384Mi", "1", "1Gi"),
        Replicas = 2,
        MaxReplicas = 4,
        OptionalConnections = ["elasticsearch"],
        DataVolumeSize = "2Gi",
        SecretSettings = [ServiceTokenVerificationKey],
    };
    public static readonly ServiceResource Sla = new("sla", "HelpDesk.Sla", "sladb", UsesBroker: true, References: [])
    {
        SecretSettings = [ServiceTokenVerificationKey],
    };

    public static readonly ServiceResource Notifications = new("notifications", "HelpDesk.Notifications", "notificationsdb", UsesBroker: true, References: [])
    {
        SecretSettings = [ServiceTokenVerificationKey, EmailReplySecret],
    };

    // People, organisations, OAuth clients and the token server's keys; replicas share keys through identitydb.
    public static readonly ServiceResource Identity = new("identity", "HelpDesk.Identity", "identitydb", UsesBroker: false, References: [])
    {
        Compute = new("100m", "192Mi", "1", "384Mi"),
        // Identity__Issuer: the public URL people and the gateway see (the gateway's ingress address).
        SecretSettings = [ServiceTokenVerificationKey, "Identity__Issuer"],
    };

    public static readonly ServiceResource Gateway = new(
        "gateway", "HelpDesk.Gateway", Database: null, UsesBroker: false,
        References: ["intake", "routing", "kb", "sla", "notifications", "identity"], Public: true, Scalable: true)
    {
        Compute = new("200m", "128Mi", "1", "384Mi"),
        Replicas = 2,
        MaxReplicas = 8,
        DataVolumeSize = "64Mi",
        // The private key that signs forwarded identities, and the identity service's public issuer URL.
        SecretSettings = ["HelpDesk__ServiceTokens__SigningKey", "Gateway__Identity__Authority"],
    };

    /// <summary>Backend services, in start order.</summary>
    public static readonly IReadOnlyList<ServiceResource> BackendServices = [Identity, Intake, Routing, KnowledgeBase, Sla, Notifications];

    /// <summary>Everything that runs as its own process in distributed mode, gateway last.</summary>
    public static readonly IReadOnlyList<ServiceResource> AllServices = [.. BackendServices, Gateway];
}

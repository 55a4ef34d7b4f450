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
    bool Scalable = false);

/// <summary>
/// The one declaration of the platform's resources. The local launcher (embedded and --distributed) and the
/// Kubernetes publisher both read it, so what runs locally is what gets deployed.
/// </summary>
public static class Topology
{
    public const string BrokerName = "messaging";
    public const string DatabaseServerName = "postgres";

    public static readonly ServiceResource Intake = new("intake", "HelpDesk.Intake", "intakedb", UsesBroker: true, References: [], Scalable: true);
    public static readonly ServiceResource Routing = new("routing", "HelpDesk.Routing", "routingdb", UsesBroker: true, References: []);
    public static readonly ServiceResource KnowledgeBase = new("kb", "HelpDesk.KnowledgeBase", "kbdb", UsesBroker: true, References: [], Scalable: true);
    public static readonly ServiceResource Sla = new("sla", "HelpDesk.Sla", "sladb", UsesBroker: true, References: []);
    public static readonly ServiceResource Notifications = new("notifications", "HelpDesk.Notifications", "notificationsdb", UsesBroker: true, References: []);

    public static readonly ServiceResource Gateway = new(
        "gateway", "HelpDesk.Gateway", Database: null, UsesBroker: false,
        References: ["intake", "routing", "kb", "sla", "notifications"], Public: true, Scalable: true);

    /// <summary>Backend services, in start order.</summary>
    public static readonly IReadOnlyList<ServiceResource> BackendServices = [Intake, Routing, KnowledgeBase, Sla, Notifications];

    /// <summary>Everything that runs as its own process in distributed mode, gateway last.</summary>
    public static readonly IReadOnlyList<ServiceResource> AllServices = [.. BackendServices, Gateway];
}

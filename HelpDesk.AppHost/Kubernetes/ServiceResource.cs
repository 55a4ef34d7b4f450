namespace HelpDesk.AppHost.Kubernetes;

/// <summary>
/// A HelpDesk service as a deployable unit, read from the Aspire application model (<see cref="AppModelServices"/>):
/// what it is called, which project runs it and what it needs.
/// </summary>
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

    /// <summary>
    /// The Job that migrates its database before it takes traffic (the service then runs with
    /// HelpDesk:Database:Migrations=Verify), or null when the service migrates nothing.
    /// </summary>
    public MigrationJob? Migration { get; init; }

    /// <summary>Container image repository built by `dotnet publish -t:PublishContainer` (see Directory.Build.targets).</summary>
    public string ContainerRepository => "helpdesk/" + Project.Replace("HelpDesk.", "", StringComparison.Ordinal).ToLowerInvariant();
}

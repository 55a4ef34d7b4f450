namespace HelpDesk.AppHost.Kubernetes;

/// <summary>
/// What a project resource needs on Kubernetes beyond what the application model already says (name, project,
/// references, connection strings): exposure, replicas, compute, volumes and settings.
/// </summary>
public sealed class KubernetesServiceAnnotation : IResourceAnnotation
{
    /// <summary>Reachable from outside the cluster (the gateway only).</summary>
    public bool Public { get; init; }

    /// <summary>Stateless enough to scale out: gets a HorizontalPodAutoscaler between <see cref="Replicas"/> and <see cref="MaxReplicas"/>.</summary>
    public bool Scalable { get; init; }

    public int Replicas { get; init; } = 1;

    public int MaxReplicas { get; init; } = 1;

    public ComputeResources Compute { get; init; } = ComputeResources.Standard;

    public string DataVolumeSize { get; init; } = "256Mi";

    /// <summary>Connection strings the service uses when present and works without (e.g. "elasticsearch").</summary>
    public IReadOnlyList<string> OptionalConnections { get; init; } = [];

    /// <summary>Non-secret settings with their deployed values, as environment names.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Secret settings the service reads when present, as environment names.</summary>
    public IReadOnlyList<string> SecretSettings { get; init; } = [];
}

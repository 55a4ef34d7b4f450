using HelpDesk.AppHost.Hosting;

namespace HelpDesk.AppHost.Kubernetes;

/// <summary>
/// Reads the deployable services out of the Aspire application model: every project resource published as a
/// Kubernetes service, with the databases, broker and services it references (WithReference), its annotation, and
/// the migration Job published for it (a project resource with <see cref="KubernetesMigrationJobAnnotation"/>).
/// </summary>
public static class AppModelServices
{
    public const string BrokerName = "messaging";
    public const string DatabaseServerName = "postgres";

    public static IReadOnlyList<ServiceResource> From(IEnumerable<IResource> resources)
    {
        var services = new List<ServiceResource>();
        var projects = resources.OfType<ProjectResource>().ToList();
        var migrations = projects
            .Select(p => p.TryGetLastAnnotation<KubernetesMigrationJobAnnotation>(out var job) ? (p.Name, Job: job) : default)
            .Where(m => m.Job is not null)
            .ToDictionary(m => m.Job.Service, m => new MigrationJob(m.Name, m.Job.Args), StringComparer.Ordinal);
        foreach (var project in projects)
        {
            if (!project.TryGetLastAnnotation<KubernetesServiceAnnotation>(out var kubernetes))
            {
                continue;
            }
            var referenced = project.Annotations.OfType<ResourceRelationshipAnnotation>()
                .Where(r => r.Type == "Reference")
                .Select(r => r.Resource)
                .Distinct()
                .ToList();
            var database = referenced.OfType<IResourceWithParent>().Select(r => r as IResource)
                .FirstOrDefault(r => r is IResourceWithConnectionString)?.Name;
            services.Add(new ServiceResource(
                project.Name,
                Path.GetFileNameWithoutExtension(project.SourceProjectPath()),
                database,
                UsesBroker: referenced.Any(r => r.Name == BrokerName),
                References: [.. referenced.OfType<ProjectResource>().Select(p => p.Name)],
                Public: kubernetes.Public,
                Scalable: kubernetes.Scalable)
            {
                Compute = kubernetes.Compute,
                Replicas = kubernetes.Replicas,
                MaxReplicas = kubernetes.MaxReplicas,
                DataVolumeSize = kubernetes.DataVolumeSize,
                OptionalConnections = kubernetes.OptionalConnections,
                Settings = kubernetes.Settings,
                SecretSettings = kubernetes.SecretSettings,
                Migration = migrations.GetValueOrDefault(project.Name),
            });
        }
        // Backends first, the public gateway last: the order manifests are listed and applied in.
        return [.. services.Where(s => !s.Public), .. services.Where(s => s.Public)];
    }
}

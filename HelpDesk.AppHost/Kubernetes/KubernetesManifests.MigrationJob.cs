using System.Text.RegularExpressions;
using HelpDesk.AppHost.Hosting;
using k8s.Models;

namespace HelpDesk.AppHost.Kubernetes;

/// <summary>The migration Job of a service: its own image run with the `migrate` verb before its new replicas serve.</summary>
public static partial class KubernetesManifests
{
    public const string MigrationComponent = "migration";

    /// <summary>A finished Job (and its pod's log) is kept a week, then Kubernetes deletes it.</summary>
    public const int MigrationJobTtlSeconds = 7 * 24 * 3600;

    /// <summary>A migration that has not finished in an hour is stopped and reported failed.</summary>
    public const long MigrationJobDeadlineSeconds = 3600;

    /// <summary>
    /// `{service}-migrate-{tag}`: a Job's pod template is immutable, so each release gets a Job of its own name and
    /// `kubectl apply` of a new release creates a new Job instead of failing on the old one.
    /// </summary>
    public static string MigrationJobName(KubernetesPublishOptions options, MigrationJob migration)
    {
        var tag = NotNameCharacters().Replace(options.Tag.ToLowerInvariant(), "-").Trim('-');
        var name = $"{migration.Name}-{tag}";
        // 63: the job-name label Kubernetes puts on the Job's pods is limited to it.
        return name.Length <= 63 ? name : name[..63].TrimEnd('-');
    }

    private static V1Job MigrationJob(KubernetesPublishOptions options, ServiceResource service, MigrationJob migration)
    {
        var labels = new Dictionary<string, string>(CommonLabels())
        {
            ["app.kubernetes.io/name"] = migration.Name,
            ["app.kubernetes.io/component"] = MigrationComponent,
            // `kubectl wait … -l app.kubernetes.io/component=migration,app.kubernetes.io/version=TAG` waits for this release's Jobs.
            ["app.kubernetes.io/version"] = options.Tag,
        };
        var pod = PodSpec(options, service);
        // Deployments' pods are spread; a one-off pod need not be, and it must not be restarted in place after success.
        pod.TopologySpreadConstraints = null;
        pod.RestartPolicy = "Never";
        pod.TerminationGracePeriodSeconds = 30;
        pod.Containers = [MigratorContainer(options, service, migration)];

        return Initialize(new V1Job
        {
            Metadata = Metadata(options, MigrationJobName(options, migration), labels),
            Spec = new V1JobSpec
            {
                // Each retry is a new pod; the migrator waits for its database and lock itself (StartTimeout).
                BackoffLimit = 3,
                ActiveDeadlineSeconds = MigrationJobDeadlineSeconds,
                TtlSecondsAfterFinished = MigrationJobTtlSeconds,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) },
                    Spec = pod,
                },
            },
        });
    }

    /// <summary>
    /// The service's container (image, ConfigMap, optional settings Secret, security context, volumes) with the migrate
    /// arguments, only its own database's connection string (it never starts its bus), no ports and no probes.
    /// </summary>
    private static V1Container MigratorContainer(KubernetesPublishOptions options, ServiceResource service, MigrationJob migration)
    {
        var container = Container(options, service);
        container.Name = migration.Name;
        container.Args = [.. migration.Args];
        container.Ports = null;
        container.StartupProbe = null;
        container.LivenessProbe = null;
        container.ReadinessProbe = null;
        container.Env = [.. container.Env.Where(e => e.ValueFrom?.SecretKeyRef is null || e.Name == $"ConnectionStrings__{service.Database}")];
        return container;
    }

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotNameCharacters();
}

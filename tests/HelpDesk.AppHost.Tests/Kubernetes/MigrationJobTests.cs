using HelpDesk.AppHost.Hosting;
using HelpDesk.AppHost.Kubernetes;
using k8s.Models;

namespace HelpDesk.AppHost.Tests.Kubernetes;

/// <summary>
/// Every service with a database gets a migration Job of its own image and release, and its Deployment only verifies
/// the schema: `kubectl apply` of a release runs the migrators while the new replicas wait for their schema version.
/// </summary>
public sealed class MigrationJobTests(PublishedManifests published) : IClassFixture<PublishedManifests>
{
    private static readonly string Release = PublishedManifests.Tag.Replace('.', '-');

    public static TheoryData<string> ServicesWithDatabases() =>
        [.. PublishedManifests.Services.Where(s => s.Database is not null).Select(s => s.Name)];

    [Fact]
    public void Exactly_the_services_with_a_database_get_a_job_and_verify_mode()
    {
        var jobs = published.All<V1Job>().Select(j => j.Metadata.Name).Order(StringComparer.Ordinal);
        var expected = PublishedManifests.Services.Where(s => s.Database is not null).Select(s => $"{s.Name}-migrate-{Release}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, jobs);
        Assert.Equal(6, jobs.Count());
        foreach (var service in PublishedManifests.Services)
        {
            var config = published.Named<V1ConfigMap>(KubernetesManifests.ConfigMapName(service)).Data;
            if (service.Database is null)
            {
                Assert.False(config.ContainsKey(MigratorExtensions.MigrationModeVariable), service.Name);
            }
            else
            {
                Assert.Equal(MigratorExtensions.VerifyMode, config[MigratorExtensions.MigrationModeVariable]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ServicesWithDatabases))]
    public void The_job_runs_the_services_release_image_with_the_migrate_verb_and_only_its_database(string name)
    {
        var service = PublishedManifests.Service(name);
        var job = published.Named<V1Job>($"{name}-migrate-{Release}");
        var deployed = published.ContainerOf(service);
        var pod = job.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.Equal(deployed.Image, container.Image);
        Assert.Equal([MigratorExtensions.MigrateVerb], container.Args);
        Assert.Null(container.Command);
        Assert.Equal("Never", pod.RestartPolicy);
        Assert.True(job.Spec.BackoffLimit is > 0 and <= 6);
        Assert.NotNull(job.Spec.ActiveDeadlineSeconds);
        Assert.NotNull(job.Spec.TtlSecondsAfterFinished);
        Assert.Equal(PublishedManifests.Tag, job.Spec.Template.Metadata.Labels["app.kubernetes.io/version"]);
        Assert.Equal(PublishedManifests.Tag, job.Metadata.Labels["app.kubernetes.io/version"]);

        // Same settings as the service (its ConfigMap, its optional settings Secret), its own database and nothing else.
        Assert.Equal(deployed.EnvFrom.Select(e => e.ConfigMapRef?.Name ?? e.SecretRef.Name), container.EnvFrom.Select(e => e.ConfigMapRef?.Name ?? e.SecretRef.Name));
        var secrets = container.Env.Where(e => e.ValueFrom?.SecretKeyRef is not null).ToList();
        var connection = Assert.Single(secrets);
        Assert.Equal($"ConnectionStrings__{service.Database}", connection.Name);
        Assert.Equal(KubernetesManifests.ConnectionSecretName(service.Database!), connection.ValueFrom.SecretKeyRef.Name);
        Assert.NotEqual(true, connection.ValueFrom.SecretKeyRef.Optional);

        // A one-off: no ports, no probes; and it passes the namespace's restricted Pod Security Standard like the service.
        Assert.Null(container.Ports);
        Assert.Null(container.ReadinessProbe);
        Assert.Null(container.LivenessProbe);
        Assert.Null(container.StartupProbe);
        Assert.Equivalent(deployed.SecurityContext, container.SecurityContext, strict: true);
        Assert.Equivalent(published.DeploymentOf(service).Spec.Template.Spec.SecurityContext, pod.SecurityContext, strict: true);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.Equal(deployed.VolumeMounts.Select(m => m.MountPath), container.VolumeMounts.Select(m => m.MountPath));
        Assert.Equal(deployed.Resources.Limits, container.Resources.Limits);
    }

    [Fact]
    public void No_service_selector_picks_a_migration_pod()
    {
        var migrationPods = published.All<V1Job>().Select(j => j.Spec.Template.Metadata.Labels).ToList();
        var selectors = published.All<V1Service>().Select(s => s.Spec.Selector)
            .Concat(published.All<V1PodDisruptionBudget>().Select(p => p.Spec.Selector.MatchLabels))
            .Concat(published.All<V1Deployment>().Select(d => d.Spec.Selector.MatchLabels))
            .Concat(published.All<V1NetworkPolicy>().Where(p => p.Spec.PodSelector.MatchLabels is { Count: > 0 }).Select(p => p.Spec.PodSelector.MatchLabels));
        foreach (var selector in selectors)
        {
            Assert.DoesNotContain(migrationPods, labels => PublishedManifests.Selects(selector, labels));
        }
        Assert.All(published.All<V1Job>(), j => Assert.Equal(KubernetesManifests.MigrationComponent, j.Metadata.Labels["app.kubernetes.io/component"]));
    }

    [Fact]
    public void A_job_name_is_a_valid_name_for_any_tag()
    {
        var migration = new MigrationJob("notifications-migrate", ["migrate"]);
        var options = new KubernetesPublishOptions { OutputDirectory = "/tmp", Tag = "2024.11.3-RC.1_build.77-with-a-rather-long-suffix" };

        var name = KubernetesManifests.MigrationJobName(options, migration);

        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", name);
        Assert.True(name.Length <= 63, name);
        Assert.StartsWith("notifications-migrate-2024-11-3-rc-1-build-77", name, StringComparison.Ordinal);
    }
}

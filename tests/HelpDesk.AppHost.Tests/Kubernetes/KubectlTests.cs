using HelpDesk.AppHost.Kubernetes;
using HelpDesk.Testing;
using k8s;
using k8s.Models;

namespace HelpDesk.AppHost.Tests.Kubernetes;

/// <summary>
/// kubectl itself accepts what the publisher writes. `kubectl kustomize` runs offline; `kubectl apply
/// --dry-run=client` needs an API server for the kinds' REST mapping, so it runs against <see cref="FakeKubernetesApi"/>
/// with --validate=false (schema validation downloads the cluster's OpenAPI document; the typed, strict loading in
/// <see cref="KubernetesManifestTests"/> covers field names and types instead).
/// </summary>
public sealed class KubectlTests(PublishedManifests published) : IClassFixture<PublishedManifests>
{
    [Fact]
    public async Task Kubectl_kustomize_renders_every_manifest_into_the_namespace()
    {
        var kubectl = RequireKubectl();

        var result = await ProcessRunner.RunAsync(kubectl, ["kustomize", published.OutputDirectory]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var rendered = KubernetesYaml.LoadAllFromString(result.Output, strict: true).Cast<IKubernetesObject<V1ObjectMeta>>().ToList();
        Assert.Equal(published.Objects.Count, rendered.Count);
        Assert.All(rendered.Where(o => o is not V1Namespace), o => Assert.Equal(PublishedManifests.Namespace, o.Metadata.NamespaceProperty));
        Assert.All(rendered, o => Assert.Equal(KubernetesManifests.PartOf, o.Metadata.Labels["app.kubernetes.io/part-of"]));
        var images = rendered.OfType<V1Deployment>().Select(d => d.Spec.Template.Spec.Containers[0].Image);
        Assert.All(images, image => Assert.EndsWith(":" + PublishedManifests.Tag, image, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kubectl_apply_client_dry_run_accepts_the_manifest_directory()
    {
        var result = await ApplyDryRunAsync("-f", published.ManifestDirectory);

        var created = result.Output.Split('\n').Where(l => l.EndsWith("created (dry run)", StringComparison.Ordinal)).ToList();
        Assert.Equal(published.Objects.Count, created.Count);
        Assert.Contains("deployment.apps/gateway created (dry run)", created);
        Assert.Contains("horizontalpodautoscaler.autoscaling/kb created (dry run)", created);
        Assert.Contains("ingress.networking.k8s.io/gateway created (dry run)", created);
    }

    [Fact]
    public async Task Kubectl_apply_client_dry_run_accepts_the_kustomization()
    {
        var result = await ApplyDryRunAsync("-k", published.OutputDirectory);

        Assert.Equal(published.Objects.Count, result.Output.Split('\n').Count(l => l.EndsWith("created (dry run)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Kubectl_apply_client_dry_run_accepts_the_example_secrets()
    {
        var result = await ApplyDryRunAsync("-f", Path.Combine(published.OutputDirectory, KubernetesPublisher.ExampleSecretsFile));

        Assert.Contains("secret/helpdesk-messaging created (dry run)", result.Output, StringComparison.Ordinal);
    }

    private static async Task<ProcessResult> ApplyDryRunAsync(string mode, string path)
    {
        var kubectl = RequireKubectl();
        await using var api = await FakeKubernetesApi.StartAsync();
        using var home = new TempDirectory("helpdesk-kubectl");
        var kubeconfig = api.WriteKubeconfig(home.Path);

        var result = await ProcessRunner.RunAsync(
            kubectl,
            ["apply", "--dry-run=client", "--validate=false", "--cache-dir", Path.Combine(home.Path, "cache"), mode, path],
            new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["HOME"] = home.Path });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(api.Writes);
        return result;
    }

    private static string RequireKubectl()
    {
        var kubectl = ProcessRunner.FindOnPath("kubectl");
        if (kubectl is null)
        {
            HelpDesk.Testing.Infrastructure.InfrastructureRequirement.SkipOrFail("kubectl is not on PATH (scripts/install-test-deps.sh installs kubernetes-client).");
        }
        return kubectl;
    }
}

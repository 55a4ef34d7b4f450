using HelpDesk.AppHost.Kubernetes;
using HelpDesk.Testing;
using k8s;
using k8s.Models;

namespace HelpDesk.AppHost.Tests.Kubernetes;

public sealed class PublishCommandTests
{
    [Theory]
    [InlineData(new string[0], "--target is required")]
    [InlineData(new[] { "--target", "helm", "--output", "x" }, "Unknown target 'helm'")]
    [InlineData(new[] { "--target", "kubernetes" }, "--output is required")]
    [InlineData(new[] { "--target", "kubernetes", "--output" }, "--output needs a value")]
    [InlineData(new[] { "--target", "kubernetes", "--output", "x", "--namespace", "Help_Desk" }, "--namespace 'Help_Desk'")]
    [InlineData(new[] { "--target", "kubernetes", "--output", "x", "--tag", "v1:2" }, "--tag 'v1:2'")]
    [InlineData(new[] { "--target", "kubernetes", "--output", "x", "--registry", "https://registry" }, "--registry 'https:")]
    [InlineData(new[] { "--target", "kubernetes", "--output", "x", "--tls-secret", "tls" }, "--tls-secret needs --host")]
    [InlineData(new[] { "--target", "kubernetes", "--output", "x", "--replicas", "3" }, "Unknown option --replicas")]
    public async Task Unusable_arguments_exit_2_with_the_reason_and_write_nothing(string[] args, string reason)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await KubernetesPublisher.RunAsync(args, PublishedManifests.Services, output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage:", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
        Assert.False(Directory.Exists(Path.GetFullPath("x")), "nothing is written for unusable arguments");
    }

    [Fact]
    public void The_apphost_command_line_dispatches_publish_to_the_kubernetes_publisher()
    {
        using var directory = new TempDirectory("helpdesk-k8s-main");

        // The AppHost's own entry point, as `dotnet run --project HelpDesk.AppHost -- publish …` calls it.
        var main = typeof(KubernetesPublisher).Assembly.EntryPoint!;
        var exitCode = (int)main.Invoke(null, [new[] { "publish", "--target", "kubernetes", "--output", directory.Path, "--namespace", "it-helpdesk" }])!;

        Assert.Equal(0, exitCode);
        var ns = KubernetesYaml.Deserialize<V1Namespace>(File.ReadAllText(Path.Combine(directory.Path, "manifests", "namespace.yaml")));
        Assert.Equal("it-helpdesk", ns.Metadata.Name);
        Assert.True(File.Exists(Path.Combine(directory.Path, KubernetesPublisher.KustomizationFile)));
    }

    [Fact]
    public async Task Defaults_are_the_helpdesk_namespace_the_build_version_and_no_registry()
    {
        using var directory = new TempDirectory("helpdesk-k8s-defaults");
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, await KubernetesPublisher.RunAsync(["--target", "kubernetes", "--output", directory.Path], PublishedManifests.Services, output, error));

        var deployment = KubernetesYaml.Deserialize<V1Deployment>(File.ReadAllText(Path.Combine(directory.Path, "manifests", "intake-deployment.yaml")));
        Assert.Equal(KubernetesPublishOptions.DefaultNamespace, deployment.Metadata.NamespaceProperty);
        Assert.Equal($"helpdesk/intake:{KubernetesPublishOptions.DefaultTag}", deployment.Spec.Template.Spec.Containers[0].Image);
        Assert.Matches(@"^\d+\.\d+\.\d+", KubernetesPublishOptions.DefaultTag);
        var ingress = KubernetesYaml.Deserialize<V1Ingress>(File.ReadAllText(Path.Combine(directory.Path, "manifests", "gateway-ingress.yaml")));
        Assert.Equal(KubernetesPublishOptions.DefaultIngressClassName, ingress.Spec.IngressClassName);
        Assert.Null(Assert.Single(ingress.Spec.Rules).Host);
        Assert.Null(ingress.Spec.Tls);
    }

    [Fact]
    public void Republishing_removes_manifests_of_services_no_longer_declared()
    {
        using var directory = new TempDirectory("helpdesk-k8s-stale");
        var options = new KubernetesPublishOptions { OutputDirectory = directory.Path };
        var retired = new ServiceResource("legacy", "HelpDesk.Legacy", "legacydb", UsesBroker: true, References: []);

        KubernetesPublisher.Publish(options, [.. PublishedManifests.Services, retired]);
        Assert.True(File.Exists(Path.Combine(directory.Path, "manifests", "legacy-deployment.yaml")));

        var written = KubernetesPublisher.Publish(options, PublishedManifests.Services);

        var onDisk = Directory.EnumerateFiles(Path.Combine(directory.Path, "manifests")).Select(f => "manifests/" + Path.GetFileName(f)).Order(StringComparer.Ordinal);
        Assert.Equal(written.Where(f => f.StartsWith("manifests/", StringComparison.Ordinal)).Order(StringComparer.Ordinal), onDisk);
        Assert.DoesNotContain("legacydb", File.ReadAllText(Path.Combine(directory.Path, KubernetesPublisher.ExampleSecretsFile)), StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_settings_reach_the_service_config_and_secret_settings_the_example()
    {
        using var directory = new TempDirectory("helpdesk-k8s-settings");
        var options = new KubernetesPublishOptions { OutputDirectory = directory.Path };
        var intake = PublishedManifests.Service("intake") with
        {
            Settings = new Dictionary<string, string> { ["Intake__Email__Enabled"] = "true" },
            SecretSettings = ["Intake__Email__Password"],
        };

        KubernetesPublisher.Publish(options, [intake, PublishedManifests.Service("gateway")]);

        var config = KubernetesYaml.Deserialize<V1ConfigMap>(File.ReadAllText(Path.Combine(directory.Path, "manifests", "intake-configmap.yaml")));
        Assert.Equal("true", config.Data["Intake__Email__Enabled"]);
        var secrets = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(directory.Path, KubernetesPublisher.ExampleSecretsFile))).Cast<V1Secret>();
        var settings = Assert.Single(secrets, s => s.Metadata.Name == KubernetesManifests.SettingsSecretName(intake));
        Assert.Equal(["Intake__Email__Password"], settings.StringData.Keys);
        var deployment = KubernetesYaml.Deserialize<V1Deployment>(File.ReadAllText(Path.Combine(directory.Path, "manifests", "intake-deployment.yaml")));
        Assert.Contains(deployment.Spec.Template.Spec.Containers[0].EnvFrom, e => e.SecretRef?.Name == settings.Metadata.Name && e.SecretRef.Optional == true);
    }
}

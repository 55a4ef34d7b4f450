using System.Text;
using k8s;

namespace HelpDesk.AppHost.Kubernetes;

/// <summary>
/// `publish --target kubernetes --output DIR`: writes the platform's manifests from the services of the Aspire
/// application model (<see cref="AppModelServices"/>), as an Aspire publisher does. DIR/manifests holds one file per object (`kubectl apply -f DIR/manifests`),
/// DIR/kustomization.yaml ties them together (`kubectl apply -k DIR`), and DIR/examples holds the Secrets to create
/// with real values — never applied by either command.
/// </summary>
public static class KubernetesPublisher
{
    public const string KustomizationFile = "kustomization.yaml";
    public const string ExampleSecretsFile = "examples/secrets.example.yaml";

    public static Task<int> RunAsync(IReadOnlyList<string> args, IReadOnlyList<ServiceResource> services, TextWriter output, TextWriter error)
    {
        var options = KubernetesPublishOptions.Parse(args, out var problem);
        if (options is null)
        {
            error.WriteLine(problem);
            error.WriteLine(KubernetesPublishOptions.Usage);
            return Task.FromResult(2);
        }

        var written = Publish(options, services);
        output.WriteLine($"Wrote {written.Count} files to {options.OutputDirectory}:");
        foreach (var file in written)
        {
            output.WriteLine($"  {file}");
        }
        output.WriteLine();
        output.WriteLine("Next: create the Secrets (see examples/secrets.example.yaml and docs/kubernetes.md), then");
        output.WriteLine($"  kubectl apply -k {options.OutputDirectory}");
        return Task.FromResult(0);
    }

    /// <summary>Writes every manifest, the kustomization and the example Secrets; returns the relative paths written.</summary>
    public static IReadOnlyList<string> Publish(KubernetesPublishOptions options, IReadOnlyList<ServiceResource> services)
    {
        var manifests = KubernetesManifests.Build(options, services);
        var manifestDirectory = Path.Combine(options.OutputDirectory, "manifests");
        // Stale files from an earlier publish (a removed service) must not be applied by `kubectl apply -f`.
        if (Directory.Exists(manifestDirectory))
        {
            foreach (var stale in Directory.EnumerateFiles(manifestDirectory, "*.yaml"))
            {
                File.Delete(stale);
            }
        }

        var written = new List<string>();
        foreach (var manifest in manifests)
        {
            Write(options, manifest.Path, KubernetesYaml.Serialize(manifest.Resource));
            written.Add(manifest.Path);
        }

        Write(options, KustomizationFile, Kustomization(options, services, manifests));
        written.Add(KustomizationFile);

        var secrets = KubernetesManifests.ExampleSecrets(options, services);
        var example = new StringBuilder()
            .AppendLine("# The Secrets HelpDesk reads, with placeholder values. NOT part of the kustomization:")
            .AppendLine("# copy this file outside version control, put real values in, and apply it once,")
            .AppendLine("# or create the same Secrets from your secret store (External Secrets, Sealed Secrets, Vault…).")
            .AppendLine($"# The {KubernetesManifests.ConnectionSecretName("elasticsearch")} Secret is optional: without it the knowledge base searches with its own Lucene index.")
            .AppendLine("# Each <service>-settings Secret is optional too: every key in it becomes an environment variable of that service.")
            .AppendJoin("---\n", secrets.Select(s => KubernetesYaml.Serialize(s).TrimEnd('\n') + "\n"))
            .ToString();
        Write(options, ExampleSecretsFile, example);
        written.Add(ExampleSecretsFile);
        return written;
    }

    private static string Kustomization(KubernetesPublishOptions options, IReadOnlyList<ServiceResource> services, IReadOnlyList<Manifest> manifests)
    {
        var yaml = new StringBuilder()
            .AppendLine("# Written by `dotnet run --project HelpDesk.AppHost -- publish --target kubernetes`; republish rather than edit.")
            .AppendLine("# Apply with `kubectl apply -k .` after creating the Secrets in examples/secrets.example.yaml.")
            .AppendLine("apiVersion: kustomize.config.k8s.io/v1beta1")
            .AppendLine("kind: Kustomization")
            .AppendLine($"namespace: {options.Namespace}")
            .AppendLine("labels:")
            .AppendLine("- pairs:")
            .AppendLine($"    app.kubernetes.io/part-of: {KubernetesManifests.PartOf}")
            .AppendLine("  includeSelectors: false")
            .AppendLine("  includeTemplates: true")
            .AppendLine("resources:");
        foreach (var manifest in manifests)
        {
            yaml.AppendLine($"- {manifest.Path}");
        }
        // `kustomize edit set image helpdesk/intake=…` retags without republishing.
        yaml.AppendLine("images:");
        foreach (var service in services)
        {
            yaml.AppendLine($"- name: {options.ImageNameFor(service)}")
                .AppendLine($"  newTag: \"{options.Tag}\"");
        }
        return yaml.ToString();
    }

    private static void Write(KubernetesPublishOptions options, string relativePath, string content)
    {
        var path = Path.Combine(options.OutputDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = content.ReplaceLineEndings("\n");
        File.WriteAllText(path, text.EndsWith('\n') ? text : text + "\n");
    }
}

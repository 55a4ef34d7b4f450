using Aspire.Hosting.Testing;
using HelpDesk.AppHost.Kubernetes;
using HelpDesk.Testing;
using k8s;
using k8s.Models;

namespace HelpDesk.AppHost.Tests.Kubernetes;

/// <summary>The real command, run in-process once per test class: every file it wrote, loaded back as typed objects.</summary>
public sealed class PublishedManifests : IDisposable
{
    public const string Namespace = "helpdesk-test";
    public const string Registry = "registry.example.com/it";
    public const string Tag = "2.3.4";
    public const string Host = "helpdesk.example.com";
    public const string IngressClass = "traefik";
    public const string TlsSecret = "helpdesk-tls";

    private readonly TempDirectory _directory = new("helpdesk-k8s");

    public PublishedManifests()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        ExitCode = KubernetesPublisher.RunAsync(
            ["--target", "kubernetes", "--output", OutputDirectory, "--namespace", Namespace, "--registry", Registry,
             "--tag", Tag, "--host", Host, "--ingress-class", IngressClass, "--tls-secret", TlsSecret],
            Services, output, error).GetAwaiter().GetResult();
        Output = output.ToString();
        Error = error.ToString();

        ManifestFiles = Directory.Exists(ManifestDirectory)
            ? [.. Directory.EnumerateFiles(ManifestDirectory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(OutputDirectory, f).Replace('\\', '/')).Order(StringComparer.Ordinal)]
            : [];
        Objects = [.. ManifestFiles.Select(file => (file, (object)KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(OutputDirectory, file)), strict: true).Single()))];
    }

    public int ExitCode { get; }
    public string Output { get; }
    public string Error { get; }
    public string OutputDirectory => _directory.Path;
    public string ManifestDirectory => Path.Combine(OutputDirectory, "manifests");
    public IReadOnlyList<string> ManifestFiles { get; }
    public IReadOnlyList<(string File, object Resource)> Objects { get; }

    public IEnumerable<T> All<T>() => Objects.Select(o => o.Resource).OfType<T>();

    public T Named<T>(string name) where T : IMetadata<V1ObjectMeta> =>
        All<T>().SingleOrDefault(o => o.Metadata.Name == name) ?? throw new Xunit.Sdk.XunitException($"No {typeof(T).Name} named {name} was published.");

    public V1Deployment DeploymentOf(ServiceResource service) => Named<V1Deployment>(service.Name);

    public V1Container ContainerOf(ServiceResource service) => DeploymentOf(service).Spec.Template.Spec.Containers.Single();

    /// <summary>The deployable services of the real AppHost's application model (distributed mode, as publishing builds it).</summary>
    public static IReadOnlyList<ServiceResource> Services => Model.Value;

    private static readonly Lazy<IReadOnlyList<ServiceResource>> Model = new(() => LoadModelAsync().GetAwaiter().GetResult());

    public static TheoryData<string> ServiceNames() => [.. Services.Select(s => s.Name)];

    public static ServiceResource Service(string name) => Services.Single(s => s.Name == name);

    private static async Task<IReadOnlyList<ServiceResource>> LoadModelAsync()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HelpDesk_AppHost>(["--distributed", "--containers"]);
        return AppModelServices.From(builder.Resources);
    }

    public static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    public void Dispose() => _directory.Dispose();
}

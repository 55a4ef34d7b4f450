using System.Reflection;
using System.Text.RegularExpressions;

namespace HelpDesk.AppHost.Kubernetes;

/// <summary>What `publish --target kubernetes` writes: where to, into which namespace, which images, which ingress.</summary>
public sealed partial record KubernetesPublishOptions
{
    public const string Target = "kubernetes";
    public const string DefaultNamespace = "helpdesk";
    public const string DefaultIngressClassName = "nginx";

    public required string OutputDirectory { get; init; }

    public string Namespace { get; init; } = DefaultNamespace;

    /// <summary>Registry the images were pushed to (e.g. registry.example.com/it); none means the cluster's default.</summary>
    public string? Registry { get; init; }

    /// <summary>Image tag; defaults to the build's version, the tag `dotnet publish -t:PublishContainer` gives the images.</summary>
    public string Tag { get; init; } = DefaultTag;

    /// <summary>Host name the gateway's Ingress answers on; none means every host.</summary>
    public string? IngressHost { get; init; }

    public string IngressClassName { get; init; } = DefaultIngressClassName;

    /// <summary>Secret holding the TLS certificate for <see cref="IngressHost"/>; none means plain HTTP at the ingress.</summary>
    public string? TlsSecretName { get; init; }

    public static string DefaultTag { get; } = ReadBuildVersion();

    public const string Usage = """
        Usage: dotnet run --project HelpDesk.AppHost -- publish --target kubernetes --output DIR [options]
          --output DIR            where to write kustomization.yaml, manifests/ and examples/ (required)
          --namespace NAME        namespace to deploy into (default: helpdesk)
          --registry HOST[/PATH]  registry the images were pushed to (default: none)
          --tag TAG               image tag (default: the build version)
          --host NAME             host name of the gateway's Ingress (default: any host)
          --ingress-class NAME    ingressClassName of the gateway's Ingress (default: nginx)
          --tls-secret NAME       TLS secret for --host (default: no TLS at the ingress)
        """;

    /// <summary>Reads the command line; returns null and the reason when it is not usable.</summary>
    public static KubernetesPublishOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? target = null, output = null, ns = null, registry = null, tag = null, host = null, ingressClass = null, tls = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{name} needs a value.";
                return null;
            }
            var value = args[++i];
            switch (name)
            {
                case "--target": target = value; break;
                case "--output": output = value; break;
                case "--namespace": ns = value; break;
                case "--registry": registry = value.TrimEnd('/'); break;
                case "--tag": tag = value; break;
                case "--host": host = value; break;
                case "--ingress-class": ingressClass = value; break;
                case "--tls-secret": tls = value; break;
                default:
                    error = $"Unknown option {name}.";
                    return null;
            }
        }

        error = target switch
        {
            null => "--target is required (kubernetes).",
            not Target => $"Unknown target '{target}': only '{Target}' is supported.",
            _ when string.IsNullOrWhiteSpace(output) => "--output is required.",
            _ when ns is not null && !DnsLabel().IsMatch(ns) => $"--namespace '{ns}' is not a DNS-1123 label (lower-case letters, digits, '-', at most 63).",
            _ when registry is not null && !RegistryPattern().IsMatch(registry) => $"--registry '{registry}' is not a registry host with an optional path.",
            _ when tag is not null && !TagPattern().IsMatch(tag) => $"--tag '{tag}' is not a valid image tag.",
            _ when host is not null && !HostPattern().IsMatch(host) => $"--host '{host}' is not a DNS host name.",
            _ when ingressClass is not null && !DnsSubdomain().IsMatch(ingressClass) => $"--ingress-class '{ingressClass}' is not a valid name.",
            _ when tls is not null && !DnsSubdomain().IsMatch(tls) => $"--tls-secret '{tls}' is not a valid secret name.",
            _ when tls is not null && host is null => "--tls-secret needs --host (a certificate is for a host name).",
            _ => null,
        };
        if (error is not null)
        {
            return null;
        }

        return new KubernetesPublishOptions
        {
            OutputDirectory = Path.GetFullPath(output!),
            Namespace = ns ?? DefaultNamespace,
            Registry = registry,
            Tag = tag ?? DefaultTag,
            IngressHost = host,
            IngressClassName = ingressClass ?? DefaultIngressClassName,
            TlsSecretName = tls,
        };
    }

    /// <summary>The image reference of a service: [registry/]repository:tag.</summary>
    public string ImageFor(ServiceResource service) => $"{ImageNameFor(service)}:{Tag}";

    public string ImageNameFor(ServiceResource service) =>
        Registry is null ? service.ContainerRepository : $"{Registry}/{service.ContainerRepository}";

    private static string ReadBuildVersion()
    {
        // The SDK tags images with $(Version); the AppHost is built with the same version, so the default matches.
        var informational = typeof(KubernetesPublishOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational?.Split('+')[0];
        return string.IsNullOrWhiteSpace(version) ? "latest" : version;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex(@"^[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*$")]
    private static partial Regex RegistryPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$")]
    private static partial Regex HostPattern();
}

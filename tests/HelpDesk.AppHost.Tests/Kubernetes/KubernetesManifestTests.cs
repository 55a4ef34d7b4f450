using HelpDesk.AppHost.Kubernetes;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace HelpDesk.AppHost.Tests.Kubernetes;

public sealed class KubernetesManifestTests(PublishedManifests published) : IClassFixture<PublishedManifests>
{
    [Fact]
    public void Publish_succeeds_and_lists_what_it_wrote()
    {
        Assert.Equal(0, published.ExitCode);
        Assert.Empty(published.Error);
        foreach (var file in published.ManifestFiles)
        {
            Assert.Contains(file, published.Output, StringComparison.Ordinal);
        }
        Assert.Contains(KubernetesPublisher.KustomizationFile, published.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_manifest_is_one_typed_object_in_the_namespace_with_the_platform_labels()
    {
        Assert.NotEmpty(published.Objects);
        foreach (var (file, resource) in published.Objects)
        {
            var metadata = Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(resource).Metadata;
            Assert.False(string.IsNullOrEmpty(metadata.Name), file);
            if (resource is V1Namespace)
            {
                Assert.Equal(PublishedManifests.Namespace, metadata.Name);
            }
            else
            {
                Assert.Equal(PublishedManifests.Namespace, metadata.NamespaceProperty);
            }
            Assert.Equal(KubernetesManifests.PartOf, metadata.Labels["app.kubernetes.io/part-of"]);
        }
        // One file per kind and object: no two files hold the same object.
        var identities = published.Objects.Select(o => o.Resource).Cast<IKubernetesObject<V1ObjectMeta>>().Select(o => $"{o.Kind}/{o.Metadata.Name}").ToList();
        Assert.Equal(identities.Count, identities.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.ServiceNames), MemberType = typeof(PublishedManifests))]
    public void Every_service_gets_a_deployment_service_configmap_and_disruption_budget(string name)
    {
        var service = PublishedManifests.Service(name);
        published.DeploymentOf(service);
        published.Named<V1Service>(name);
        published.Named<V1ConfigMap>(KubernetesManifests.ConfigMapName(service));
        published.Named<V1PodDisruptionBudget>(name);
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.ServiceNames), MemberType = typeof(PublishedManifests))]
    public void Readiness_is_health_liveness_is_alive_and_probes_use_a_declared_port(string name)
    {
        var container = published.ContainerOf(PublishedManifests.Service(name));
        Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/alive", container.StartupProbe.HttpGet.Path);
        // A slow start (schema creation, broker connection) gets minutes before liveness may restart it.
        Assert.True(container.StartupProbe.PeriodSeconds * container.StartupProbe.FailureThreshold >= 120);
        var portNames = container.Ports.Select(p => p.Name).ToList();
        foreach (var probe in new[] { container.ReadinessProbe, container.LivenessProbe, container.StartupProbe })
        {
            Assert.Contains(probe.HttpGet.Port.Value, portNames);
        }
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.ServiceNames), MemberType = typeof(PublishedManifests))]
    public void Requests_and_limits_come_from_the_topology_and_requests_fit_the_limits(string name)
    {
        var service = PublishedManifests.Service(name);
        var resources = published.ContainerOf(service).Resources;
        Assert.Equal(service.Compute.CpuRequest, resources.Requests["cpu"].ToString());
        Assert.Equal(service.Compute.MemoryRequest, resources.Requests["memory"].ToString());
        Assert.Equal(service.Compute.CpuLimit, resources.Limits["cpu"].ToString());
        Assert.Equal(service.Compute.MemoryLimit, resources.Limits["memory"].ToString());
        Assert.True(resources.Requests["cpu"].ToDecimal() <= resources.Limits["cpu"].ToDecimal());
        Assert.True(resources.Requests["memory"].ToDecimal() <= resources.Limits["memory"].ToDecimal());
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.ServiceNames), MemberType = typeof(PublishedManifests))]
    public void Pods_run_as_the_app_user_with_a_read_only_root_and_no_privileges(string name)
    {
        var pod = published.DeploymentOf(PublishedManifests.Service(name)).Spec.Template.Spec;
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(KubernetesManifests.AppUserId, pod.SecurityContext.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(pod.AutomountServiceAccountToken);

        var container = Assert.Single(pod.Containers);
        var security = container.SecurityContext;
        Assert.True(security.RunAsNonRoot);
        Assert.Equal(KubernetesManifests.AppUserId, security.RunAsUser);
        Assert.True(security.ReadOnlyRootFilesystem);
        Assert.False(security.AllowPrivilegeEscalation);
        Assert.NotEqual(true, security.Privileged);
        Assert.Equal(["ALL"], security.Capabilities.Drop);
        Assert.Null(security.Capabilities.Add);
        Assert.Equal("RuntimeDefault", security.SeccompProfile.Type);

        // With a read-only root, .NET needs a writable /tmp and the service its data directory: both emptyDir.
        foreach (var path in new[] { "/tmp", KubernetesManifests.DataDirectory })
        {
            var mount = Assert.Single(container.VolumeMounts, m => m.MountPath == path);
            Assert.NotEqual(true, mount.ReadOnlyProperty);
            var volume = Assert.Single(pod.Volumes, v => v.Name == mount.Name);
            Assert.NotNull(volume.EmptyDir);
            Assert.NotNull(volume.EmptyDir.SizeLimit);
        }
        Assert.All(pod.Volumes, v => Assert.Null(v.HostPath));
    }

    [Fact]
    public void The_namespace_enforces_the_restricted_pod_security_standard()
    {
        var ns = published.Named<V1Namespace>(PublishedManifests.Namespace);
        Assert.Equal("restricted", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.ServiceNames), MemberType = typeof(PublishedManifests))]
    public void Selectors_match_the_pod_labels_of_their_own_deployment_only(string name)
    {
        var deployment = published.DeploymentOf(PublishedManifests.Service(name));
        var podLabels = deployment.Spec.Template.Metadata.Labels;
        Assert.True(PublishedManifests.Selects(deployment.Spec.Selector.MatchLabels, podLabels));
        Assert.Null(deployment.Spec.Selector.MatchExpressions);

        var others = published.All<V1Deployment>().Where(d => d != deployment).Select(d => d.Spec.Template.Metadata.Labels).ToList();
        var selectors = new Dictionary<string, IDictionary<string, string>>
        {
            ["Service"] = published.Named<V1Service>(name).Spec.Selector,
            ["PodDisruptionBudget"] = published.Named<V1PodDisruptionBudget>(name).Spec.Selector.MatchLabels,
        };
        foreach (var (kind, selector) in selectors)
        {
            Assert.True(PublishedManifests.Selects(selector, podLabels), $"{kind} {name} does not select its pods");
            Assert.DoesNotContain(others, labels => PublishedManifests.Selects(selector, labels));
        }
        // Selectors are immutable on a Deployment: they must not carry the release's version.
        Assert.DoesNotContain("app.kubernetes.io/version", deployment.Spec.Selector.MatchLabels.Keys);
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.ServiceNames), MemberType = typeof(PublishedManifests))]
    public void Service_ports_reach_container_ports(string name)
    {
        var container = published.ContainerOf(PublishedManifests.Service(name));
        var port = Assert.Single(published.Named<V1Service>(name).Spec.Ports);
        Assert.Equal(KubernetesManifests.HttpPort, port.Port);
        var target = Assert.Single(container.Ports, p => p.Name == port.TargetPort.Value || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == port.TargetPort.Value);
        Assert.Equal(port.Protocol, target.Protocol);
        // The service listens where the container port says (ASPNETCORE_HTTP_PORTS).
        var config = published.Named<V1ConfigMap>(KubernetesManifests.ConfigMapName(PublishedManifests.Service(name)));
        Assert.Equal(target.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), config.Data["ASPNETCORE_HTTP_PORTS"]);
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.ServiceNames), MemberType = typeof(PublishedManifests))]
    public void Every_variable_a_service_reads_is_provided(string name)
    {
        var service = PublishedManifests.Service(name);
        var container = published.ContainerOf(service);
        var exampleSecrets = LoadExampleSecrets();

        var provided = new Dictionary<string, bool>(StringComparer.Ordinal); // name -> always present
        foreach (var source in container.EnvFrom)
        {
            if (source.ConfigMapRef is { } configMapRef)
            {
                var configMap = published.Named<V1ConfigMap>(configMapRef.Name);
                Assert.NotEqual(true, configMapRef.Optional);
                foreach (var key in configMap.Data.Keys)
                {
                    provided[key] = true;
                }
            }
            else
            {
                // Secret settings are optional by design: the service must start without them.
                Assert.True(source.SecretRef.Optional, $"{name}: envFrom secret {source.SecretRef.Name} must be optional");
            }
        }
        foreach (var variable in container.Env)
        {
            if (variable.ValueFrom?.SecretKeyRef is { } secretRef)
            {
                // A required secret is one the operator must create: the example shows it, with that key.
                var example = Assert.Single(exampleSecrets, s => s.Metadata.Name == secretRef.Name);
                Assert.Contains(secretRef.Key, example.StringData.Keys);
                provided[variable.Name] = secretRef.Optional != true;
            }
            else if (variable.ValueFrom?.ConfigMapKeyRef is { } configMapKeyRef)
            {
                provided[variable.Name] = configMapKeyRef.Optional != true;
            }
            else
            {
                Assert.NotNull(variable.Value);
                provided[variable.Name] = true;
            }
        }

        var required = new List<string> { "ASPNETCORE_HTTP_PORTS", HelpDesk.Messaging.Persistence.PersistenceExtensions.DataDirectoryKey.Replace(":", "__", StringComparison.Ordinal) };
        if (service.UsesBroker)
        {
            required.Add($"ConnectionStrings__{HelpDesk.Messaging.MessagingExtensions.ConnectionName}");
        }
        if (service.Database is { } database)
        {
            required.Add($"ConnectionStrings__{database}");
        }
        required.AddRange(service.References.Select(r => $"services__{r}__http__0"));
        required.AddRange(service.Settings.Keys);
        foreach (var variable in required)
        {
            Assert.True(provided.TryGetValue(variable, out var always) && always, $"{name} reads {variable} but the deployment does not always provide it");
        }
        foreach (var optional in service.OptionalConnections.Select(c => $"ConnectionStrings__{c}").Append(KubernetesManifests.OtlpEndpointVariable))
        {
            Assert.True(provided.ContainsKey(optional), $"{name} can use {optional} but the deployment never provides it");
        }
        // A connection string the service does not own is not handed to it (no service reads another's database).
        var foreignDatabases = PublishedManifests.Services.Where(s => s != service && s.Database is not null).Select(s => $"ConnectionStrings__{s.Database}");
        Assert.DoesNotContain(provided.Keys, foreignDatabases.Contains);
    }

    [Fact]
    public void The_gateway_addresses_each_service_at_its_kubernetes_service()
    {
        var config = published.Named<V1ConfigMap>(KubernetesManifests.ConfigMapName(PublishedManifests.Service("gateway")));
        foreach (var reference in PublishedManifests.Service("gateway").References)
        {
            var address = new Uri(config.Data[$"services__{reference}__http__0"]);
            var target = published.Named<V1Service>(address.Host);
            Assert.Contains(target.Spec.Ports, p => p.Port == address.Port);
        }
    }

    [Fact]
    public void Scalable_services_are_autoscaled_on_cpu_and_others_run_their_declared_replicas()
    {
        foreach (var service in PublishedManifests.Services)
        {
            var deployment = published.DeploymentOf(service);
            var hpa = published.All<V2HorizontalPodAutoscaler>().SingleOrDefault(h => h.Spec.ScaleTargetRef.Name == service.Name);
            if (service.Scalable)
            {
                Assert.NotNull(hpa);
                Assert.Equal("apps/v1", hpa.Spec.ScaleTargetRef.ApiVersion);
                Assert.Equal(V1Deployment.KubeKind, hpa.Spec.ScaleTargetRef.Kind);
                Assert.Equal(service.Replicas, hpa.Spec.MinReplicas);
                Assert.Equal(service.MaxReplicas, hpa.Spec.MaxReplicas);
                Assert.True(hpa.Spec.MinReplicas >= 2, $"{service.Name}: an autoscaled service keeps two replicas for availability");
                Assert.True(hpa.Spec.MaxReplicas > hpa.Spec.MinReplicas);
                var metric = Assert.Single(hpa.Spec.Metrics);
                Assert.Equal("cpu", metric.Resource.Name);
                Assert.Equal("Utilization", metric.Resource.Target.Type);
                // The HPA owns the count: re-applying the manifests must not reset a scale-out.
                Assert.Null(deployment.Spec.Replicas);
            }
            else
            {
                Assert.Null(hpa);
                Assert.Equal(service.Replicas, deployment.Spec.Replicas);
            }
        }
        Assert.Equal(["gateway", "intake", "kb"], published.All<V2HorizontalPodAutoscaler>().Select(h => h.Metadata.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Disruption_budgets_never_block_a_node_drain_and_keep_replicas_up()
    {
        foreach (var pdb in published.All<V1PodDisruptionBudget>())
        {
            Assert.Equal("1", pdb.Spec.MaxUnavailable.Value);
            Assert.Null(pdb.Spec.MinAvailable);
        }
    }

    [Fact]
    public void Network_policies_let_the_outside_reach_only_the_gateway_and_the_gateway_reach_every_backend()
    {
        var policies = published.All<V1NetworkPolicy>().ToList();
        var denyAll = Assert.Single(policies, p => p.Spec.PodSelector.MatchLabels is null or { Count: 0 });
        Assert.Equal(["Ingress"], denyAll.Spec.PolicyTypes);
        Assert.Null(denyAll.Spec.Ingress);

        var pods = PublishedManifests.Services.ToDictionary(s => s.Name, s => published.DeploymentOf(s).Spec.Template.Metadata.Labels);
        foreach (var target in PublishedManifests.Services)
        {
            // Outside the namespace (ingress controller, other tenants): only a public service.
            Assert.Equal(target.Public, Admits(policies, pods[target.Name], source: null));
            foreach (var source in PublishedManifests.Services.Where(s => s != target))
            {
                var expected = target.Public || source.References.Contains(target.Name);
                Assert.True(expected == Admits(policies, pods[target.Name], pods[source.Name]),
                    $"{source.Name} -> {target.Name} should be {(expected ? "allowed" : "denied")}");
            }
        }
    }

    /// <summary>NetworkPolicy semantics for ingress on the HTTP port: allowed when any policy selecting the pod admits the source.</summary>
    private static bool Admits(IReadOnlyList<V1NetworkPolicy> policies, IDictionary<string, string> target, IDictionary<string, string>? source)
    {
        var selecting = policies.Where(p => p.Spec.PolicyTypes.Contains("Ingress") &&
            (p.Spec.PodSelector.MatchLabels is null or { Count: 0 } || PublishedManifests.Selects(p.Spec.PodSelector.MatchLabels, target))).ToList();
        Assert.NotEmpty(selecting); // every pod is isolated
        return selecting.SelectMany(p => p.Spec.Ingress ?? []).Any(rule =>
            (rule.Ports is null || rule.Ports.Any(port => port.Port.Value == KubernetesManifests.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))) &&
            (rule.FromProperty is null || rule.FromProperty.Any(peer =>
                peer.NamespaceSelector is null && peer.IpBlock is null && source is not null && PublishedManifests.Selects(peer.PodSelector?.MatchLabels, source))));
    }

    [Fact]
    public void The_gateway_ingress_routes_every_path_to_the_gateway_service_with_tls()
    {
        var ingress = Assert.Single(published.All<V1Ingress>());
        Assert.Equal(PublishedManifests.IngressClass, ingress.Spec.IngressClassName);
        var rule = Assert.Single(ingress.Spec.Rules);
        Assert.Equal(PublishedManifests.Host, rule.Host);
        var path = Assert.Single(rule.Http.Paths);
        Assert.Equal("/", path.Path);
        Assert.Equal("Prefix", path.PathType);
        var gateway = published.Named<V1Service>(path.Backend.Service.Name);
        Assert.True(PublishedManifests.Services.Single(s => s.Name == gateway.Metadata.Name).Public);
        Assert.Contains(gateway.Spec.Ports, p => p.Name == path.Backend.Service.Port.Name);
        var tls = Assert.Single(ingress.Spec.Tls);
        Assert.Equal([PublishedManifests.Host], tls.Hosts);
        Assert.Equal(PublishedManifests.TlsSecret, tls.SecretName);
    }

    [Fact]
    public void Images_are_the_sdk_built_repositories_in_the_given_registry_and_tag()
    {
        foreach (var service in PublishedManifests.Services)
        {
            var container = published.ContainerOf(service);
            Assert.Equal($"{PublishedManifests.Registry}/{service.ContainerRepository}:{PublishedManifests.Tag}", container.Image);
            Assert.Equal(PublishedManifests.Tag, published.DeploymentOf(service).Spec.Template.Metadata.Labels["app.kubernetes.io/version"]);
        }
    }

    [Fact]
    public void The_kustomization_lists_every_manifest_and_nothing_else()
    {
        var kustomization = LoadYaml(Path.Combine(published.OutputDirectory, KubernetesPublisher.KustomizationFile));
        Assert.Equal("Kustomization", ((YamlScalarNode)kustomization["kind"]).Value);
        Assert.Equal(PublishedManifests.Namespace, ((YamlScalarNode)kustomization["namespace"]).Value);
        var resources = ((YamlSequenceNode)kustomization["resources"]).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
        Assert.Equal(published.ManifestFiles, resources.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(resources, r => r.Contains("example", StringComparison.Ordinal));

        var images = ((YamlSequenceNode)kustomization["images"]).Children.Cast<YamlMappingNode>()
            .Select(i => ((YamlScalarNode)i["name"]).Value + ":" + ((YamlScalarNode)i["newTag"]).Value).Order(StringComparer.Ordinal);
        Assert.Equal(published.All<V1Deployment>().Select(d => d.Spec.Template.Spec.Containers[0].Image).Order(StringComparer.Ordinal), images);
    }

    [Fact]
    public void Secrets_are_referenced_but_only_published_as_an_example_outside_the_manifests()
    {
        Assert.Empty(published.All<V1Secret>());
        Assert.DoesNotContain(published.ManifestFiles, f => f.Contains("secret", StringComparison.OrdinalIgnoreCase));
        var examples = LoadExampleSecrets();
        var containers = published.All<V1Deployment>().Select(d => d.Spec.Template.Spec.Containers[0]).ToList();
        var byKey = containers.SelectMany(c => c.Env).Where(e => e.ValueFrom?.SecretKeyRef is not null).Select(e => e.ValueFrom.SecretKeyRef.Name);
        // A service's own secret settings are loaded whole (envFrom); each such secret has an example too.
        var whole = containers.SelectMany(c => c.EnvFrom ?? []).Where(e => e.SecretRef is not null).Select(e => e.SecretRef.Name)
            .Where(name => examples.Any(s => s.Metadata.Name == name));
        var referenced = byKey.Concat(whole).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        Assert.Equal(referenced, examples.Select(s => s.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(examples, s => Assert.Contains("CHANGE-ME", string.Concat(s.StringData.Values), StringComparison.Ordinal));
    }

    private List<V1Secret> LoadExampleSecrets() =>
        [.. KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(published.OutputDirectory, KubernetesPublisher.ExampleSecretsFile)), strict: true).Cast<V1Secret>()];

    private static YamlMappingNode LoadYaml(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}

using HelpDesk.AppHost.Hosting;
using System.Reflection;
using k8s;
using k8s.Models;

namespace HelpDesk.AppHost.Kubernetes;

/// <summary>
/// Builds the Kubernetes objects of the platform from the topology: per service a ConfigMap, Deployment, Service,
/// PodDisruptionBudget and (when it is called by others or public) a NetworkPolicy; an HPA per scalable service;
/// the gateway's Ingress; the namespace and a default-deny ingress policy; a migration Job per service with a database.
/// </summary>
public static partial class KubernetesManifests
{
    public const int HttpPort = 8080;
    public const string HttpPortName = "http";
    public const string PartOf = "helpdesk";
    public const string ManagedBy = "helpdesk-apphost";

    /// <summary>UID and GID of the `app` user in the .NET base images (chiseled included).</summary>
    public const long AppUserId = 1654;

    public const string DataDirectory = "/data";
    public const string ConnectionStringKey = "connectionString";
    public const string TelemetryConfigMap = "helpdesk-telemetry";
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const int CpuUtilizationTarget = 70;

    /// <summary>Secret holding the connection string of a resource (broker, database, Elasticsearch).</summary>
    public static string ConnectionSecretName(string connectionName) => $"{PartOf}-{connectionName}";

    /// <summary>Optional secret of a service's own secret settings (e-mail passwords, webhook keys…), loaded whole.</summary>
    public static string SettingsSecretName(ServiceResource service) => $"{service.Name}-settings";

    public static string ConfigMapName(ServiceResource service) => $"{service.Name}-config";

    public static string ServiceUrl(string serviceName) => $"http://{serviceName}:{HttpPort}";

    public static IReadOnlyList<Manifest> Build(KubernetesPublishOptions options, IReadOnlyList<ServiceResource> services)
    {
        var manifests = new List<Manifest>
        {
            new("manifests/namespace.yaml", Namespace(options)),
            new("manifests/networkpolicy-default-deny-ingress.yaml", DefaultDenyIngress(options)),
        };
        foreach (var service in services)
        {
            manifests.Add(new($"manifests/{service.Name}-configmap.yaml", ConfigMap(options, service)));
            if (service.Migration is { } migration)
            {
                manifests.Add(new($"manifests/{migration.Name}-job.yaml", MigrationJob(options, service, migration)));
            }
            manifests.Add(new($"manifests/{service.Name}-deployment.yaml", Deployment(options, service)));
            manifests.Add(new($"manifests/{service.Name}-service.yaml", Service(options, service)));
            manifests.Add(new($"manifests/{service.Name}-pdb.yaml", DisruptionBudget(options, service)));
            if (service.Scalable)
            {
                manifests.Add(new($"manifests/{service.Name}-hpa.yaml", Autoscaler(options, service)));
            }
            if (IngressPolicy(options, service, services) is { } policy)
            {
                manifests.Add(new($"manifests/{service.Name}-networkpolicy.yaml", policy));
            }
            if (service.Public)
            {
                manifests.Add(new($"manifests/{service.Name}-ingress.yaml", Ingress(options, service)));
            }
        }
        return manifests;
    }

    /// <summary>The Secrets the deployment references, with placeholder values: written as an example, never applied.</summary>
    public static IReadOnlyList<V1Secret> ExampleSecrets(KubernetesPublishOptions options, IReadOnlyList<ServiceResource> services)
    {
        var secrets = new List<V1Secret>();
        var connections = services
            .SelectMany(s => (s.UsesBroker ? [AppModelServices.BrokerName] : Array.Empty<string>()).Concat(s.Database is null ? [] : [s.Database]).Concat(s.OptionalConnections))
            .Distinct(StringComparer.Ordinal);
        foreach (var connection in connections)
        {
            secrets.Add(Initialize(new V1Secret
            {
                Metadata = Metadata(options, ConnectionSecretName(connection), Component("connection")),
                Type = "Opaque",
                StringData = new Dictionary<string, string> { [ConnectionStringKey] = ExampleConnectionString(connection, services) },
            }));
        }
        foreach (var service in services.Where(s => s.SecretSettings.Count > 0))
        {
            secrets.Add(Initialize(new V1Secret
            {
                Metadata = Metadata(options, SettingsSecretName(service), Labels(service)),
                Type = "Opaque",
                StringData = service.SecretSettings.ToDictionary(key => key, _ => "CHANGE-ME", StringComparer.Ordinal),
            }));
        }
        return secrets;
    }

    private static string ExampleConnectionString(string connection, IReadOnlyList<ServiceResource> services)
    {
        if (connection == AppModelServices.BrokerName)
        {
            return "amqp://helpdesk:CHANGE-ME@rabbitmq.helpdesk-data.svc:5672/helpdesk";
        }
        if (services.Any(s => s.Database == connection))
        {
            return $"Host={AppModelServices.DatabaseServerName}.helpdesk-data.svc;Port=5432;Database={connection};Username={connection};Password=CHANGE-ME;SSL Mode=Prefer";
        }
        return $"https://helpdesk:CHANGE-ME@{connection}.example.internal:9200";
    }

    private static V1Namespace Namespace(KubernetesPublishOptions options) => Initialize(new V1Namespace
    {
        Metadata = new V1ObjectMeta
        {
            Name = options.Namespace,
            Labels = new Dictionary<string, string>(CommonLabels())
            {
                // Every pod here meets the "restricted" Pod Security Standard; admission enforces it.
                ["pod-security.kubernetes.io/enforce"] = "restricted",
                ["pod-security.kubernetes.io/enforce-version"] = "latest",
            },
        },
    });

    private static V1ConfigMap ConfigMap(KubernetesPublishOptions options, ServiceResource service)
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_HTTP_PORTS"] = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HelpDesk__DataDirectory"] = DataDirectory,
        };
        foreach (var reference in service.References)
        {
            data[$"services__{reference}__http__0"] = ServiceUrl(reference);
        }
        if (service.Migration is not null)
        {
            // The migration Job applies the schema; replicas only wait until their database is at their version.
            data[MigratorExtensions.MigrationModeVariable] = MigratorExtensions.VerifyMode;
        }
        foreach (var (key, value) in service.Settings)
        {
            data[key] = value;
        }
        return Initialize(new V1ConfigMap
        {
            Metadata = Metadata(options, ConfigMapName(service), Labels(service)),
            Data = new Dictionary<string, string>(data),
        });
    }

    private static V1Deployment Deployment(KubernetesPublishOptions options, ServiceResource service)
    {
        var selector = SelectorLabels(service);
        var podLabels = new Dictionary<string, string>(Labels(service))
        {
            ["app.kubernetes.io/version"] = options.Tag,
        };

        return Initialize(new V1Deployment
        {
            Metadata = Metadata(options, service.Name, Labels(service)),
            Spec = new V1DeploymentSpec
            {
                // An autoscaled Deployment leaves the count to its HPA: re-applying must not undo a scale-out.
                Replicas = service.Scalable ? null : service.Replicas,
                RevisionHistoryLimit = 5,
                Selector = new V1LabelSelector { MatchLabels = selector },
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = "1", MaxUnavailable = "0" },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = podLabels },
                    Spec = PodSpec(options, service),
                },
            },
        });
    }

    private static V1PodSpec PodSpec(KubernetesPublishOptions options, ServiceResource service)
    {
        var spec = new V1PodSpec
        {
            // The services never call the Kubernetes API, and service links would add dozens of unused variables.
            AutomountServiceAccountToken = false,
            EnableServiceLinks = false,
            // MassTransit stops consuming and drains in-flight messages within 30 s.
            TerminationGracePeriodSeconds = 45,
            SecurityContext = new V1PodSecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = AppUserId,
                RunAsGroup = AppUserId,
                FsGroup = AppUserId,
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            Containers = [Container(options, service)],
            Volumes =
            [
                new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } },
                new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity(service.DataVolumeSize) } },
            ],
        };
        if (service.Scalable || service.Replicas > 1)
        {
            // Replicas on different nodes where possible, so one node going away leaves the service up.
            spec.TopologySpreadConstraints =
            [
                new V1TopologySpreadConstraint
                {
                    MaxSkew = 1,
                    TopologyKey = "kubernetes.io/hostname",
                    WhenUnsatisfiable = "ScheduleAnyway",
                    LabelSelector = new V1LabelSelector { MatchLabels = SelectorLabels(service) },
                },
            ];
        }
        return spec;
    }

    private static V1Container Container(KubernetesPublishOptions options, ServiceResource service) => new()
    {
        Name = service.Name,
        Image = options.ImageFor(service),
        ImagePullPolicy = "IfNotPresent",
        Ports = [new V1ContainerPort { Name = HttpPortName, ContainerPort = HttpPort, Protocol = "TCP" }],
        EnvFrom =
        [
            new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapName(service) } },
            new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = SettingsSecretName(service), Optional = true } },
        ],
        Env = ContainerEnvironment(service),
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity>
            {
                ["cpu"] = new(service.Compute.CpuRequest),
                ["memory"] = new(service.Compute.MemoryRequest),
            },
            Limits = new Dictionary<string, ResourceQuantity>
            {
                ["cpu"] = new(service.Compute.CpuLimit),
                ["memory"] = new(service.Compute.MemoryLimit),
            },
        },
        // Startup covers schema creation and the broker connection; after it, /alive says the process is
        // up (restart when not) and /health says its database and broker are reachable (traffic when so).
        StartupProbe = Probe("/alive", periodSeconds: 5, failureThreshold: 36),
        LivenessProbe = Probe("/alive", periodSeconds: 10, failureThreshold: 3),
        ReadinessProbe = Probe("/health", periodSeconds: 10, failureThreshold: 3),
        SecurityContext = RestrictedContext(),
        VolumeMounts =
        [
            new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
            new V1VolumeMount { Name = "data", MountPath = DataDirectory },
        ],
    };

    /// <summary>The restricted Pod Security Standard: non-root, read-only root filesystem, no capabilities.</summary>
    private static V1SecurityContext RestrictedContext() => new()
    {
        RunAsNonRoot = true,
        RunAsUser = AppUserId,
        RunAsGroup = AppUserId,
        ReadOnlyRootFilesystem = true,
        AllowPrivilegeEscalation = false,
        Privileged = false,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    private static List<V1EnvVar> ContainerEnvironment(ServiceResource service)
    {
        var env = new List<V1EnvVar>
        {
            new() { Name = "OTEL_SERVICE_NAME", Value = service.Name },
            new()
            {
                Name = OtlpEndpointVariable,
                ValueFrom = new V1EnvVarSource
                {
                    ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = TelemetryConfigMap, Key = OtlpEndpointVariable, Optional = true },
                },
            },
        };
        if (service.UsesBroker)
        {
            env.Add(ConnectionString(AppModelServices.BrokerName, optional: false));
        }
        if (service.Database is { } database)
        {
            env.Add(ConnectionString(database, optional: false));
        }
        foreach (var connection in service.OptionalConnections)
        {
            env.Add(ConnectionString(connection, optional: true));
        }

        return env;
    }

    private static V1EnvVar ConnectionString(string connectionName, bool optional) => new()
    {
        Name = $"ConnectionStrings__{connectionName}",
        ValueFrom = new V1EnvVarSource
        {
            SecretKeyRef = new V1SecretKeySelector
            {
                Name = ConnectionSecretName(connectionName),
                Key = ConnectionStringKey,
                Optional = optional ? true : null,
            },
        },
    };

    private static V1Probe Probe(string path, int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = HttpPortName, Scheme = "HTTP" },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 5,
        FailureThreshold = failureThreshold,
        SuccessThreshold = 1,
    };

    private static V1Service Service(KubernetesPublishOptions options, ServiceResource service) => Initialize(new V1Service
    {
        Metadata = Metadata(options, service.Name, Labels(service)),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = SelectorLabels(service),
            Ports = [new V1ServicePort { Name = HttpPortName, Port = HttpPort, TargetPort = HttpPortName, Protocol = "TCP" }],
        },
    });

    private static V1PodDisruptionBudget DisruptionBudget(KubernetesPublishOptions options, ServiceResource service) => Initialize(new V1PodDisruptionBudget
    {
        Metadata = Metadata(options, service.Name, Labels(service)),
        Spec = new V1PodDisruptionBudgetSpec
        {
            // At most one replica down for a voluntary disruption; with a single replica a drain still proceeds.
            MaxUnavailable = 1,
            Selector = new V1LabelSelector { MatchLabels = SelectorLabels(service) },
        },
    });

    private static V2HorizontalPodAutoscaler Autoscaler(KubernetesPublishOptions options, ServiceResource service) => Initialize(new V2HorizontalPodAutoscaler
    {
        Metadata = Metadata(options, service.Name, Labels(service)),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = V1Deployment.KubeKind, Name = service.Name },
            MinReplicas = service.Replicas,
            MaxReplicas = Math.Max(service.Replicas, service.MaxReplicas),
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource
                    {
                        Name = "cpu",
                        Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = CpuUtilizationTarget },
                    },
                },
            ],
        },
    });

    private static V1NetworkPolicy DefaultDenyIngress(KubernetesPublishOptions options) => Initialize(new V1NetworkPolicy
    {
        Metadata = Metadata(options, "default-deny-ingress", Component("network")),
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            PolicyTypes = ["Ingress"],
        },
    });

    /// <summary>
    /// Public services accept traffic from anywhere (the ingress controller runs in its own namespace); others only
    /// from the services that reference them. A service nobody calls gets no policy: default-deny covers it.
    /// </summary>
    private static V1NetworkPolicy? IngressPolicy(KubernetesPublishOptions options, ServiceResource service, IReadOnlyList<ServiceResource> services)
    {
        var port = new V1NetworkPolicyPort { Port = HttpPort, Protocol = "TCP" };
        V1NetworkPolicyIngressRule rule;
        if (service.Public)
        {
            rule = new V1NetworkPolicyIngressRule { Ports = [port] };
        }
        else
        {
            var callers = services.Where(s => s.References.Contains(service.Name, StringComparer.Ordinal)).ToList();
            if (callers.Count == 0)
            {
                return null;
            }
            rule = new V1NetworkPolicyIngressRule
            {
                FromProperty = [.. callers.Select(c => new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = SelectorLabels(c) } })],
                Ports = [port],
            };
        }

        return Initialize(new V1NetworkPolicy
        {
            Metadata = Metadata(options, $"{service.Name}-ingress", Labels(service)),
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = SelectorLabels(service) },
                PolicyTypes = ["Ingress"],
                Ingress = [rule],
            },
        });
    }

    private static V1Ingress Ingress(KubernetesPublishOptions options, ServiceResource service)
    {
        var rule = new V1IngressRule
        {
            Host = options.IngressHost,
            Http = new V1HTTPIngressRuleValue
            {
                Paths =
                [
                    new V1HTTPIngressPath
                    {
                        Path = "/",
                        PathType = "Prefix",
                        Backend = new V1IngressBackend
                        {
                            Service = new V1IngressServiceBackend { Name = service.Name, Port = new V1ServiceBackendPort { Name = HttpPortName } },
                        },
                    },
                ],
            },
        };
        return Initialize(new V1Ingress
        {
            Metadata = Metadata(options, service.Name, Labels(service)),
            Spec = new V1IngressSpec
            {
                IngressClassName = options.IngressClassName,
                Rules = [rule],
                Tls = options.TlsSecretName is null
                    ? null
                    : [new V1IngressTLS { Hosts = [options.IngressHost!], SecretName = options.TlsSecretName }],
            },
        });
    }

    public static Dictionary<string, string> CommonLabels() => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/part-of"] = PartOf,
        ["app.kubernetes.io/managed-by"] = ManagedBy,
    };

    /// <summary>The labels that select a service's pods: stable across releases (no version).</summary>
    public static Dictionary<string, string> SelectorLabels(ServiceResource service) => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = service.Name,
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    private static Dictionary<string, string> Labels(ServiceResource service) => new(CommonLabels())
    {
        ["app.kubernetes.io/name"] = service.Name,
        ["app.kubernetes.io/component"] = service.Public ? "gateway" : "backend",
    };

    private static Dictionary<string, string> Component(string component) => new(CommonLabels())
    {
        ["app.kubernetes.io/component"] = component,
    };

    private static V1ObjectMeta Metadata(KubernetesPublishOptions options, string name, Dictionary<string, string> labels) => new()
    {
        Name = name,
        NamespaceProperty = options.Namespace,
        Labels = labels,
    };

    private static T Initialize<T>(T resource) where T : IKubernetesObject
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not a Kubernetes entity.");
        resource.ApiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
        resource.Kind = entity.Kind;
        return resource;
    }
}

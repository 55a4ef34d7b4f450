using k8s;
using k8s.Models;

namespace HelpDesk.AppHost.Kubernetes;

/// <summary>One Kubernetes object and the file (relative to the output directory) it is written to.</summary>
public sealed record Manifest(string Path, IKubernetesObject<V1ObjectMeta> Resource);

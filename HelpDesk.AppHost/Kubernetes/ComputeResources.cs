namespace HelpDesk.AppHost.Kubernetes;

/// <summary>Kubernetes resource requests and limits of one replica (quantities as Kubernetes writes them).</summary>
public sealed record ComputeResources(string CpuRequest, string MemoryRequest, string CpuLimit, string MemoryLimit)
{
    public static readonly ComputeResources Standard = new("100m", "192Mi", "1", "512Mi");
}

using HelpDesk.AppHost.Kubernetes;
using HelpDesk.LocalServers;

namespace HelpDesk.AppHost.Hosting;

/// <summary>The web app (portal, agent workspace, lead dashboard): in both run modes and on Kubernetes.</summary>
public static class WebAppExtensions
{
    /// <summary>
    /// The web app behind the gateway's "/" route. It signs people in at the identity service (as the client the
    /// identity service registers from the shared secret) and calls the APIs through the gateway with the person's
    /// token; it keeps no state but its data-protection key ring. On Kubernetes one replica: the key ring lives on the
    /// pod's data volume and Blazor's circuits need the same pod for a whole visit (docs/kubernetes.md).
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddWebApp(
        this IDistributedApplicationBuilder builder, string dataDirectory, HelpDeskRunOptions options, IResourceBuilder<ProjectResource> gateway, Uri issuer)
    {
        var web = builder.AddHelpDeskProject<Projects.HelpDesk_Web>("web", dataDirectory)
            .WithLocalDefaults(() => LocalWeb.Settings(options.DataDirectory, issuer, issuer.ToString()))
            .PublishAsKubernetesService(new()
            {
                Compute = new("100m", "192Mi", "1", "512Mi"),
                DataVolumeSize = "64Mi",
                // APIs through the gateway's cluster address; people sign in at the public one (Web__Authority).
                Settings = new Dictionary<string, string> { ["Web__Gateway"] = $"http://{gateway.Resource.Name}:{KubernetesManifests.HttpPort}/" },
                SecretSettings = ["Web__Authority", "Web__ClientSecret"],
            });
        gateway.WithReference(web).WaitFor(web);
        return web;
    }
}

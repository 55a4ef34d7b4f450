namespace HelpDesk.AppHost.Kubernetes;

public static class KubernetesResourceBuilderExtensions
{
    /// <summary>Publishes the project as a Deployment, Service, ConfigMap, PodDisruptionBudget (and HPA, Ingress, NetworkPolicy as it needs).</summary>
    public static IResourceBuilder<ProjectResource> PublishAsKubernetesService(this IResourceBuilder<ProjectResource> builder, KubernetesServiceAnnotation service) =>
        builder.WithAnnotation(service, ResourceAnnotationMutationBehavior.Replace);
}

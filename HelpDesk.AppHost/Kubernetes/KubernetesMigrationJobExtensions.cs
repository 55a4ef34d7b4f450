namespace HelpDesk.AppHost.Kubernetes;

public static class KubernetesMigrationJobExtensions
{
    /// <summary>Publishes the resource as the migration Job of <paramref name="service"/>.</summary>
    public static IResourceBuilder<ProjectResource> PublishAsKubernetesMigrationJob(this IResourceBuilder<ProjectResource> builder, string service, IReadOnlyList<string> args) =>
        builder.WithAnnotation(new KubernetesMigrationJobAnnotation(service, args), ResourceAnnotationMutationBehavior.Replace);
}

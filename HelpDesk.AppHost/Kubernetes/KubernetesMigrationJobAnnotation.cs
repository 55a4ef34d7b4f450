namespace HelpDesk.AppHost.Kubernetes;

/// <summary>
/// A project resource that runs to completion before a service may take traffic (its database migrator): published as
/// a batch/v1 Job of the service's image and settings, named per release.
/// </summary>
public sealed class KubernetesMigrationJobAnnotation(string service, IReadOnlyList<string> args) : IResourceAnnotation
{
    /// <summary>The service whose image, settings and database the Job uses.</summary>
    public string Service { get; } = service;

    /// <summary>Container arguments (the service's `migrate` verb).</summary>
    public IReadOnlyList<string> Args { get; } = args;
}

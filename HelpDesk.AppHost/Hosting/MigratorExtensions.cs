using HelpDesk.AppHost.Kubernetes;

namespace HelpDesk.AppHost.Hosting;

/// <summary>
/// The database migrator of a service: the service's own program run with the `migrate` verb (apply pending migrations
/// under the migration lock, then exit). Locally a resource the service waits to complete; on Kubernetes a Job.
/// </summary>
public static class MigratorExtensions
{
    /// <summary>The verb every service's Program.cs answers with "migrate and exit" (MigrateCommand.Verb).</summary>
    public const string MigrateVerb = "migrate";

    /// <summary>Environment name of HelpDesk:Database:Migrations (DatabaseMigrationOptions).</summary>
    public const string MigrationModeVariable = "HelpDesk__Database__Migrations";

    /// <summary>Services whose database a migrator looks after only check that it is current (and wait for it).</summary>
    public const string VerifyMode = "Verify";

    public static string MigratorName(string service) => $"{service}-migrate";

    /// <summary>
    /// `{service}-migrate`: the same project with the `migrate` verb and the same database, settings and data directory,
    /// but no endpoint and no broker (it never listens and never starts its bus). The service waits for it to exit with 0
    /// and then only verifies its schema, so replicas never race to migrate.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDatabaseMigrator<TProject>(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> database, string dataDirectory)
        where TProject : IProjectMetadata, new()
    {
        var builder = service.ApplicationBuilder;
        var migrator = builder.AddBuiltProject<TProject>(MigratorName(service.Resource.Name))
            .WithArgs(MigrateVerb)
            .WithEnvironment("HelpDesk__DataDirectory", dataDirectory)
            .WithSharedSettings(builder.Configuration.GetSection("Services"))
            .WithoutTelemetryNobodyReceives(builder.Configuration.GetSection("Services"))
            .WithReference(database)
            .WaitFor(database)
            .WithParentRelationship(service)
            .PublishAsKubernetesMigrationJob(service.Resource.Name, [MigrateVerb]);
        return service
            .WithEnvironment(MigrationModeVariable, VerifyMode)
            .WaitForCompletion(migrator);
    }
}

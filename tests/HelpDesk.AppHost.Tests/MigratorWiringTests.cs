using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HelpDesk.AppHost.Hosting;
using HelpDesk.AppHost.Kubernetes;
using HelpDesk.LocalServers;
using TempDirectory = HelpDesk.Testing.TempDirectory;

namespace HelpDesk.AppHost.Tests;

/// <summary>
/// In distributed mode every service database is migrated by a `{service}-migrate` resource (the service's own program
/// with the `migrate` verb) before the service starts, and the service then only verifies its schema: replicas never
/// race to migrate and a failed migration stops the start-up rather than a half-started platform.
/// </summary>
public sealed class MigratorWiringTests
{
    private static readonly string[] Databases = ["identitydb", "intakedb", "routingdb", "kbdb", "sladb", "notificationsdb"];

    public static TheoryData<bool> DatabaseServers() => PostgresClusterLayout.IsInstalled ? [true, false] : [true];

    [Theory]
    [MemberData(nameof(DatabaseServers))]
    public async Task Every_service_database_has_a_migrator_the_service_waits_to_complete_and_the_service_only_verifies(bool containers)
    {
        using var data = new TempDirectory("apphost-migrators");
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HelpDesk_AppHost>(
            ["--distributed", containers ? "--containers" : "--no-containers", "--data", data.Path], TestContext.Current.CancellationToken);
        var projects = builder.Resources.OfType<ProjectResource>().ToList();
        var services = projects.Where(p => p.TryGetLastAnnotation<KubernetesServiceAnnotation>(out _)).ToList();

        var withDatabase = 0;
        foreach (var service in services)
        {
            var database = References(service).SingleOrDefault(r => Databases.Contains(r.Name));
            var environment = await EnvironmentOf(service);
            var migrator = projects.SingleOrDefault(p => p.Name == MigratorExtensions.MigratorName(service.Name));
            if (database is null)
            {
                // The gateway owns no database: nothing to migrate, nothing to wait for.
                Assert.Null(migrator);
                Assert.False(environment.ContainsKey(MigratorExtensions.MigrationModeVariable), service.Name);
                continue;
            }
            withDatabase++;
            Assert.NotNull(migrator);

            // The same program, run with the migrate verb, on the same database (and nothing else: no broker, no endpoint).
            Assert.Equal(service.GetProjectMetadata().ProjectPath, migrator.GetProjectMetadata().ProjectPath);
            Assert.Equal([MigratorExtensions.MigrateVerb], await ArgumentsOf(migrator));
            Assert.Equal([database], References(migrator));
            Assert.Empty(migrator.Annotations.OfType<EndpointAnnotation>());
            Assert.Contains(Waits(migrator), w => w.Resource == database && w.WaitType == WaitType.WaitUntilHealthy);
            var migratorEnvironment = await EnvironmentOf(migrator);
            Assert.Equal(environment[$"ConnectionStrings__{database.Name}"], migratorEnvironment[$"ConnectionStrings__{database.Name}"]);
            Assert.Equal(environment["HelpDesk__DataDirectory"], migratorEnvironment["HelpDesk__DataDirectory"]);
            Assert.False(migratorEnvironment.ContainsKey(MigratorExtensions.MigrationModeVariable));

            // The service starts only after its migrator exited with 0, and then does not migrate itself.
            var wait = Assert.Single(Waits(service), w => w.Resource == migrator);
            Assert.Equal(WaitType.WaitForCompletion, wait.WaitType);
            Assert.Equal(0, wait.ExitCode);
            Assert.Equal(MigratorExtensions.VerifyMode, environment[MigratorExtensions.MigrationModeVariable]);

            // Published as the service's migration Job.
            Assert.True(migrator.TryGetLastAnnotation<KubernetesMigrationJobAnnotation>(out var job));
            Assert.Equal(service.Name, job.Service);
        }
        Assert.Equal(Databases.Length, withDatabase);
        // Nothing but the services' migrators runs to completion.
        Assert.Equal(services.Count + withDatabase, projects.Count);
    }

    [Fact]
    public async Task Embedded_mode_has_no_migrators_and_its_services_migrate_their_sqlite_files_at_start()
    {
        using var data = new TempDirectory("apphost-migrators");
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HelpDesk_AppHost>(
            ["--data", data.Path], TestContext.Current.CancellationToken);
        var projects = builder.Resources.OfType<ProjectResource>().ToList();

        Assert.DoesNotContain(projects, p => p.Name.EndsWith("-migrate", StringComparison.Ordinal));
        foreach (var project in projects)
        {
            Assert.DoesNotContain(Waits(project), w => w.WaitType == WaitType.WaitForCompletion);
            var environment = await EnvironmentOf(project);
            Assert.False(environment.ContainsKey(MigratorExtensions.MigrationModeVariable), project.Name);
        }
    }

    /// <summary>The resource's environment as it would be published: references as the expressions they stand for.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> EnvironmentOf(IResourceWithEnvironment resource)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), resource, []);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return context.EnvironmentVariables.ToDictionary(e => e.Key, e => Describe(e.Value), StringComparer.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> ArgumentsOf(IResourceWithArgs resource)
    {
        var args = new List<object>();
        var context = new CommandLineArgsCallbackContext(args, resource);
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return [.. args.Select(Describe)];
    }

    private static string Describe(object value) => value switch
    {
        string text => text,
        IManifestExpressionProvider expression => expression.ValueExpression,
        _ => value.GetType().Name,
    };

    private static List<IResource> References(IResource resource) =>
        [.. resource.Annotations.OfType<ResourceRelationshipAnnotation>().Where(r => r.Type == "Reference").Select(r => r.Resource).Distinct()];

    private static IEnumerable<WaitAnnotation> Waits(IResource resource) => resource.Annotations.OfType<WaitAnnotation>();
}

namespace HelpDesk.AppHost.Hosting;

/// <summary>
/// The broker and the database server as the platform needs them: Aspire's stock container resources where a
/// container runtime is usable (and when publishing), otherwise the locally installed binaries under the data directory.
/// </summary>
public static class InfrastructureExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddMessaging(this IDistributedApplicationBuilder builder, string name, HelpDeskRunOptions options, bool containers) =>
        containers
            ? builder.AddRabbitMQ(name)
            : builder.AddLocalRabbitMQ(name, Path.Combine(options.DistributedDirectory, "rabbitmq"));

    public static DatabaseServer AddDatabaseServer(this IDistributedApplicationBuilder builder, string name, HelpDeskRunOptions options, bool containers) =>
        containers
            ? new DatabaseServer(builder.AddPostgres(name), null)
            : new DatabaseServer(null, builder.AddLocalPostgres(name, Path.Combine(options.DistributedDirectory, "postgres")));

    /// <summary>A PostgreSQL server of either kind; each service gets its own database on it.</summary>
    public sealed class DatabaseServer(IResourceBuilder<PostgresServerResource>? container, IResourceBuilder<LocalPostgresResource>? local)
    {
        public IResourceBuilder<IResourceWithConnectionString> Resource => (IResourceBuilder<IResourceWithConnectionString>?)container ?? local!;

        public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name) =>
            container is not null ? container.AddDatabase(name) : local!.AddDatabase(name);
    }
}

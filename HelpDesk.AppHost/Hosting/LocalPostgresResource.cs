using HelpDesk.LocalServers;

namespace HelpDesk.AppHost.Hosting;

/// <summary>PostgreSQL from the installed server binaries, the postmaster in the foreground under DCP.</summary>
public sealed class LocalPostgresResource(string name, PostgresClusterLayout layout, string command)
    : ExecutableResource(name, command, layout.BaseDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public PostgresClusterLayout Layout { get; } = layout;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.TargetPort)};Username=postgres");
}

/// <summary>One database of a <see cref="LocalPostgresResource"/>: created when the server is ready.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public LocalPostgresResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

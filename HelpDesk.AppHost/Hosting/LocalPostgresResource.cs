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

using HelpDesk.LocalServers;

namespace HelpDesk.AppHost.Hosting;

/// <summary>RabbitMQ from the installed rabbitmq-server, as an Aspire executable resource with an AMQP connection string.</summary>
public sealed class LocalRabbitMqResource(string name, RabbitMqNodeLayout layout)
    : ExecutableResource(name, layout.ServerScript, layout.BaseDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "amqp";

    public RabbitMqNodeLayout Layout { get; } = layout;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    /// <summary>Loopback by address: the node listens on 127.0.0.1 only, and "localhost" may resolve to ::1 first.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.TargetPort)}/");
}

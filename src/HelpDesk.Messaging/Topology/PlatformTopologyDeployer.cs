using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace HelpDesk.Messaging.Topology;

/// <summary>
/// Declares every queue of <see cref="PlatformTopology"/> with its bindings, exactly as MassTransit declares a consumer's
/// (fanout exchange per message type → fanout exchange named after the queue → durable queue), so that an event
/// published before its consumer's first start waits in the queue instead of being dropped. Retries until the broker
/// takes it, then opens the <see cref="PlatformTopologyGate"/>. Removes the bindings of <see cref="PlatformTopology.Retired"/> queues.
/// </summary>
public sealed class PlatformTopologyDeployer(string connectionString, PlatformTopologyGate gate, ILogger<PlatformTopologyDeployer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var declared = await DeployAsync(new Uri(connectionString), stoppingToken);
                logger.LogInformation("Declared {Queues} platform queues and their bindings", declared);
                gate.Open();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Declaring the platform queues failed (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, attempt)), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Declares the whole topology on the broker at <paramref name="broker"/>; returns the number of queues.</summary>
    public static async Task<int> DeployAsync(Uri broker, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = broker };
        await using var connection = await factory.CreateConnectionAsync("helpdesk-topology", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        foreach (var queue in PlatformTopology.Queues)
        {
            await channel.ExchangeDeclareAsync(queue.Name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(queue.Name, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue.Name, queue.Name, routingKey: "", cancellationToken: cancellationToken);
            foreach (var message in queue.Messages)
            {
                var exchange = PlatformTopology.ExchangeFor(message);
                await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
                await channel.ExchangeBindAsync(destination: queue.Name, source: exchange, routingKey: "", cancellationToken: cancellationToken);
            }
        }
        await UnbindRetiredAsync(channel, cancellationToken);
        return PlatformTopology.Queues.Count;
    }

    /// <summary>
    /// Removes the retired queues' event bindings. Unbinding an exchange that does not exist is an error on RabbitMQ, so
    /// the queue's exchange is declared first (a no-op where it exists; on a new broker an exchange bound to nothing).
    /// Unbinding what is not bound is a no-op.
    /// </summary>
    private static async Task UnbindRetiredAsync(IChannel channel, CancellationToken cancellationToken)
    {
        foreach (var queue in PlatformTopology.Retired)
        {
            await channel.ExchangeDeclareAsync(queue.Name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            foreach (var message in queue.Messages)
            {
                await channel.ExchangeUnbindAsync(destination: queue.Name, source: PlatformTopology.ExchangeFor(message), routingKey: "", cancellationToken: cancellationToken);
            }
        }
    }
}

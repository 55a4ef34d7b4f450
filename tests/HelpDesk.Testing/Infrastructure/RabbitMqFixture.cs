using Xunit;
using HelpDesk.LocalServers;
using RabbitMQ.Client;

namespace HelpDesk.Testing.Infrastructure;

/// <summary>
/// A private RabbitMQ node for a whole test assembly, started from the installed rabbitmq-server on free loopback
/// ports. Use it as an assembly fixture (<c>[assembly: AssemblyFixture(typeof(RabbitMqFixture))]</c>) and take it in
/// the test class constructor. Give each test its own virtual host with <see cref="CreateVirtualHostAsync"/>
/// so queues and exchanges never mix between tests. When rabbitmq-server is not installed every member skips the
/// calling test with the reason (or fails it when HELPDESK_REQUIRE_INFRA is set).
/// </summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    private TempDirectory? _directory;
    private RabbitMqNode? _node;
    private string? _unavailable;

    public async ValueTask InitializeAsync()
    {
        if (!RabbitMqNode.IsInstalled)
        {
            _unavailable = $"RabbitMQ is not installed (apt-get install {LocalBinaries.RabbitMqPackage}).";
            return;
        }
        _directory = new TempDirectory("helpdesk-rabbitmq");
        _node = new RabbitMqNode(_directory.Path);
        await _node.StartAsync();
    }

    /// <summary>amqp://guest:guest@127.0.0.1:port/ — the default virtual host, shared by every test of the assembly.</summary>
    public string ConnectionString => Node.ConnectionString();

    public int Port => Node.AmqpPort;

    /// <summary>A fresh virtual host; returns its connection string (for ConnectionStrings:messaging).</summary>
    public Task<string> CreateVirtualHostAsync(string? name = null) =>
        Node.AddVirtualHostAsync(name ?? $"test-{Guid.NewGuid():N}", TestContext.Current.CancellationToken);

    /// <summary>
    /// Every exchange → exchange and exchange → queue binding of the virtual host of <paramref name="connectionString"/>
    /// (rabbitmqctl list_bindings; the default exchange's implicit bindings left out).
    /// </summary>
    public async Task<IReadOnlyList<(string Source, string Destination, string DestinationKind)>> ListBindingsAsync(string connectionString)
    {
        var vhost = Uri.UnescapeDataString(new Uri(connectionString).AbsolutePath.TrimStart('/'));
        var output = await Node.CtlAsync(
            ["list_bindings", "-q", "--no-table-headers", "-p", vhost.Length == 0 ? "/" : vhost, "source_name", "destination_name", "destination_kind"],
            TestContext.Current.CancellationToken);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 3 && parts[0].Length > 0)
            .Select(parts => (parts[0], parts[1], parts[2].Trim()))];
    }

    /// <summary>How many ready messages a queue holds (0 when the queue does not exist).</summary>
    public static async Task<uint> CountMessagesAsync(string connectionString, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue);
            return declared.MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    private RabbitMqNode Node
    {
        get
        {
            if (_node is null)
            {
                InfrastructureRequirement.SkipOrFail(_unavailable ?? "RabbitMQ did not start.");
            }
            return _node!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.StopAsync();
        }
        _directory?.Dispose();
    }
}

/// <summary>
/// A RabbitMQ node owned by one test, for tests that stop, kill or restart the broker (the shared
/// <see cref="RabbitMqFixture"/> must stay up for the others). Start with <see cref="StartAsync"/>.
/// </summary>
public sealed class PrivateRabbitMqNode : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly RabbitMqNode _node;

    private PrivateRabbitMqNode(TempDirectory directory, RabbitMqNode node)
    {
        _directory = directory;
        _node = node;
    }

    public static async Task<PrivateRabbitMqNode> StartAsync()
    {
        if (!RabbitMqNode.IsInstalled)
        {
            InfrastructureRequirement.SkipOrFail($"RabbitMQ is not installed (apt-get install {LocalBinaries.RabbitMqPackage}).");
        }
        var directory = new TempDirectory("helpdesk-rabbitmq");
        var node = new RabbitMqNode(directory.Path);
        await node.StartAsync(TestContext.Current.CancellationToken);
        return new PrivateRabbitMqNode(directory, node);
    }

    /// <summary>Stays the same across <see cref="StopAsync"/>/<see cref="RestartAsync"/> (the AMQP port is kept).</summary>
    public string ConnectionString => _node.ConnectionString();

    public bool IsRunning => _node.IsRunning;

    /// <summary>Stops the broker cleanly; durable queues and persistent messages survive.</summary>
    public Task StopAsync() => _node.StopAsync(TestContext.Current.CancellationToken);

    /// <summary>Kills the broker (SIGKILL), as a crash would.</summary>
    public Task KillAsync() => _node.KillAsync();

    /// <summary>Starts it again on the same AMQP port with the same data.</summary>
    public Task RestartAsync() => _node.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _node.StopAsync();
        _directory.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using HelpDesk.LocalServers;
using HelpDesk.Testing.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace HelpDesk.Testing.Stacks;

/// <summary>
/// Which stack service tests run on: SQLite + the in-memory bus (default), or PostgreSQL + RabbitMQ when
/// HELPDESK_TEST_STACK=postgres (CI runs the service suites on both). On the second, every host started by
/// <see cref="ServiceTestHost"/> gets its own PostgreSQL database for each <c>ConnectionStrings:*db</c> it reads and its
/// own RabbitMQ virtual host, from one PostgreSQL cluster and one RabbitMQ node per test process; a host restarted on
/// the same data directory gets the same databases and virtual host back. Settings a test passes itself win.
/// </summary>
public static class TestStack
{
    public const string VariableName = "HELPDESK_TEST_STACK";

    private static readonly Lazy<Task<SharedServers>> Servers = new(SharedServers.StartAsync);
    private static readonly ConcurrentDictionary<string, string> Assigned = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when HELPDESK_TEST_STACK=postgres (or postgres-rabbitmq).</summary>
    public static bool IsPostgresRabbitMq =>
        Environment.GetEnvironmentVariable(VariableName) is { } value && value.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);

    public static string Name => IsPostgresRabbitMq ? "postgres-rabbitmq" : "sqlite-inmemory";

    /// <summary>Adds the stack's connection strings to a host's configuration (nothing on the default stack).</summary>
    public static async Task AddToAsync(IConfigurationBuilder configuration, string dataDirectory)
    {
        if (!IsPostgresRabbitMq)
        {
            return;
        }
        if (!RabbitMqNode.IsInstalled || !PostgresCluster.IsInstalled)
        {
            InfrastructureRequirement.SkipOrFail($"{VariableName}=postgres needs rabbitmq-server and the PostgreSQL server binaries.");
        }
        var servers = await Servers.Value;
        var messaging = Assigned.GetOrAdd(dataDirectory + "|messaging", _ => servers.TakeVirtualHost());
        configuration.Add(new StackConfigurationSource(messaging, name => Assigned.GetOrAdd(
            dataDirectory + "|" + name,
            _ => servers.Postgres.ConnectionString($"{name}_{Guid.NewGuid():N}") + ";Maximum Pool Size=20;Connection Idle Lifetime=5;Connection Pruning Interval=1")));
    }

    /// <summary>One PostgreSQL cluster and one RabbitMQ node for the test process, stopped when it exits.</summary>
    private sealed class SharedServers
    {
        private const int Batch = 32;
        private readonly Lock _gate = new();
        private readonly Queue<string> _virtualHosts = new();

        private SharedServers(RabbitMqNode broker, PostgresCluster postgres)
        {
            Broker = broker;
            Postgres = postgres;
        }

        public RabbitMqNode Broker { get; }

        public PostgresCluster Postgres { get; }

        public static async Task<SharedServers> StartAsync()
        {
            // Not Directory.CreateTempSubdirectory: its 0700 mode keeps the postgres server user out.
            var root = Path.Combine(Path.GetTempPath(), $"helpdesk-stack-{Guid.NewGuid():N}");
            Directory.CreateDirectory(root);
            var broker = new RabbitMqNode(Path.Combine(root, "rabbitmq"));
            var postgres = new PostgresCluster(Path.Combine(root, "postgres"));
            await Task.WhenAll(broker.StartAsync(), postgres.StartAsync());
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                Task.WaitAll([broker.StopAsync(), postgres.StopAsync()], TimeSpan.FromSeconds(60));
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                    // A server still writing its log; the temp directory is left behind.
                }
            };
            return new SharedServers(broker, postgres);
        }

        /// <summary>A virtual host of its own; created in batches (one rabbitmqctl run each) because every run boots an Erlang VM.</summary>
        public string TakeVirtualHost()
        {
            lock (_gate)
            {
                if (_virtualHosts.Count == 0)
                {
                    CreateBatch();
                }
                return Broker.ConnectionString(_virtualHosts.Dequeue());
            }
        }

        private void CreateBatch()
        {
            var names = Enumerable.Range(0, Batch).Select(_ => $"test-{Guid.NewGuid():N}").ToList();
            var file = Path.Combine(Broker.BaseDirectory, $"vhosts-{Guid.NewGuid():N}.json");
            File.WriteAllText(file, JsonSerializer.Serialize(new
            {
                vhosts = names.Select(n => new { name = n }),
                permissions = names.Select(n => new { user = "guest", vhost = n, configure = ".*", write = ".*", read = ".*" }),
            }));
            Broker.CtlAsync(["import_definitions", file]).GetAwaiter().GetResult();
            File.Delete(file);
            foreach (var name in names)
            {
                _virtualHosts.Enqueue(name);
            }
        }
    }
}

using HelpDesk.Embedded;
using HelpDesk.Gateway.Security;
using HelpDesk.Reliability;
using HelpDesk.ServiceDefaults.Http;

namespace HelpDesk.Benchmarks.Reliability;

/// <summary>
/// The platform a load driver measures, started as the fault suite starts it: embedded (one process, in-memory bus,
/// SQLite files under the data directory) or distributed (the AppHost through Aspire.Hosting.Testing: RabbitMQ,
/// PostgreSQL, one process per service). Either way a channel key with every scope and no practical rate limit.
/// </summary>
public sealed class LoadPlatform(Uri gateway, string apiKey, Func<string, string> databaseConnection, bool distributed, Func<ValueTask> stop) : IAsyncDisposable
{
    private const string EmbeddedKey = "hdk_reliability_load_0123456789abcdefghijklmnop";

    public Uri Gateway { get; } = gateway;

    public string ApiKey { get; } = apiKey;

    public bool Distributed { get; } = distributed;

    /// <summary>ADO.NET connection string of a service database (intakedb, routingdb, sladb, notificationsdb).</summary>
    public string DatabaseConnection(string database) => databaseConnection(database);

    public static async Task<LoadPlatform> StartAsync(bool distributed, string root, IReadOnlyList<string> extraArgs, CancellationToken cancellationToken)
    {
        if (distributed)
        {
            var platform = await DistributedPlatform.StartAsync(root, cancellationToken, extraArgs);
            return new LoadPlatform(platform.GatewayAddress, DistributedPlatform.ApiKey, platform.DatabaseConnectionString, true, platform.DisposeAsync);
        }
        string[] args =
        [
            "--Gateway:ApiKeys:0:Id=load", "--Gateway:ApiKeys:0:Channel=api", "--Gateway:ApiKeys:0:RateLimitPerMinute=100000000",
            .. HelpDeskScopes.All.Select((scope, i) => $"--Gateway:ApiKeys:0:Scopes:{i}={scope}"),
            $"--Gateway:ApiKeys:0:KeyHash={ApiKeyHash.Compute(EmbeddedKey, null)}",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        var embedded = await EmbeddedPlatform.StartAsync(root, args, cancellationToken);
        return new LoadPlatform(embedded.GatewayAddress, EmbeddedKey, db => $"Data Source={Path.Combine(root, db + ".db")};Mode=ReadOnly", false, embedded.DisposeAsync);
    }

    public ValueTask DisposeAsync() => stop();
}

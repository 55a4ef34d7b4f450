using System.Net.Sockets;
using HelpDesk.LocalServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;

namespace HelpDesk.AppHost.Hosting;

/// <summary>
/// RabbitMQ and PostgreSQL as Aspire resources run by DCP from the binaries installed on the machine, for machines
/// without a container runtime. Each has a health check, so WaitFor holds services back until the broker accepts an
/// AMQP connection and the database a query; ports are fixed when the model is built so a restart keeps them.
/// </summary>
public static class LocalInfrastructureExtensions
{
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMQ(this IDistributedApplicationBuilder builder, string name, string directory)
    {
        var layout = new RabbitMqNodeLayout(directory);
        layout.Prepare(FreePort.Next());
        var resource = new LocalRabbitMqResource(name, layout);
        var rabbit = builder.AddResource(resource)
            .WithPromptHealthCheck($"{name}_check", cancellationToken => ConnectAsync(layout, cancellationToken))
            .WithEndpoint(LocalRabbitMqResource.EndpointName, e =>
            {
                e.Port = layout.AmqpPort;
                e.TargetPort = layout.AmqpPort;
                e.UriScheme = "amqp";
                e.IsProxied = false;
            })
            .WithEnvironment(context =>
            {
                foreach (var (variable, value) in layout.Environment())
                {
                    context.EnvironmentVariables[variable] = value ?? "";
                }
            })
            .OnBeforeResourceStarted(async (_, started, _) =>
            {
                // A node left by an AppHost that was killed (SIGKILL) must not share the data directory.
                await layout.KillLeftoversAsync();
                // erl starts the node's epmd as a daemon that outlives the node (and rabbitmqctl needs it while the node
                // stops): stop it once DCP has stopped every resource.
                started.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(() => layout.StopEpmdAsync().GetAwaiter().GetResult());
            });
        return rabbit;
    }

    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, string directory)
    {
        var layout = new PostgresClusterLayout(directory);
        var port = FreePort.Next();
        var (command, arguments) = layout.ForegroundServer(port);
        var resource = new LocalPostgresResource(name, layout, command);
        return builder.AddResource(resource)
            .WithArgs([.. arguments])
            .WithPromptHealthCheck($"{name}_check", cancellationToken => QueryAsync(PostgresClusterLayout.ConnectionString(port), cancellationToken))
            .WithEndpoint(LocalPostgresResource.EndpointName, e =>
            {
                e.Port = port;
                e.TargetPort = port;
                e.UriScheme = "tcp";
                e.IsProxied = false;
            })
            .OnBeforeResourceStarted(async (server, started, cancellationToken) =>
            {
                // initdb on first use, and a server that a killed run left behind (or one still stopping) is stopped first.
                try
                {
                    await layout.InitializeAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
                {
                    // The databases are model-only resources: without this their dependents would wait for them forever.
                    await FailDatabasesAsync(builder, server, started.Services, ex.Message);
                    throw;
                }
                // A server whose shutdown outlasted DCP's stop budget finishes here, before the AppHost exits.
                started.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(() => layout.StopIfRunningAsync().GetAwaiter().GetResult());
            })
            .OnResourceReady(async (server, ready, cancellationToken) =>
            {
                // DCP runs the server; its databases are model-only resources, so their state is published here
                // (Aspire propagates a parent's state to children only for containers), which lets WaitFor see them.
                var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
                foreach (var database in builder.Resources.OfType<LocalPostgresDatabaseResource>().Where(d => d.Parent == server))
                {
                    await PostgresClusterLayout.CreateDatabaseAsync(port, database.DatabaseName, cancellationToken);
                    await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow });
                }
            });
    }

    private static async Task FailDatabasesAsync(IDistributedApplicationBuilder builder, LocalPostgresResource server, IServiceProvider services, string why)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var logs = services.GetRequiredService<ResourceLoggerService>();
        logs.GetLogger(server).LogError("PostgreSQL could not be prepared in {Directory}: {Why}", server.Layout.BaseDirectory, why);
        // The server first: the start-up watch names the first resource that failed, with its last log lines.
        await notifications.PublishUpdateAsync(server, s => s with { State = KnownResourceStates.FailedToStart });
        foreach (var database in builder.Resources.OfType<LocalPostgresDatabaseResource>().Where(d => d.Parent == server))
        {
            await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.FailedToStart });
        }
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresResource> server, string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        var port = server.Resource.PrimaryEndpoint;
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.Waiting, Properties = [] })
            .WithPromptHealthCheck($"{name}_check", async cancellationToken =>
                await QueryAsync(await database.ConnectionStringExpression.GetValueAsync(cancellationToken) ?? "", cancellationToken));
    }

    private static async Task<HealthCheckResult> ConnectAsync(RabbitMqNodeLayout layout, CancellationToken cancellationToken)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(layout.ConnectionString()), AutomaticRecoveryEnabled = false, RequestedConnectionTimeout = TimeSpan.FromSeconds(2) };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("AMQP connection closed");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"no AMQP connection to 127.0.0.1:{layout.AmqpPort}", ex);
        }
    }

    private static async Task<HealthCheckResult> QueryAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Timeout=5;Pooling=false");
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
    }

}

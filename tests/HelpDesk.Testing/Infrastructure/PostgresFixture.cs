using Xunit;
using HelpDesk.LocalServers;

namespace HelpDesk.Testing.Infrastructure;

/// <summary>
/// A private PostgreSQL cluster for a whole test assembly, started from the installed server binaries (initdb,
/// pg_ctl) on a free loopback port. Use it as an assembly fixture (<c>[assembly: AssemblyFixture(typeof(PostgresFixture))]</c>)
/// and give each test its own database with <see cref="CreateDatabaseAsync"/>. When PostgreSQL is not installed every
/// member skips the calling test with the reason (or fails it when HELPDESK_REQUIRE_INFRA is set).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private TempDirectory? _directory;
    private PostgresCluster? _cluster;
    private string? _unavailable;

    public async ValueTask InitializeAsync()
    {
        if (!PostgresCluster.IsInstalled)
        {
            _unavailable = $"PostgreSQL server binaries are not installed (apt-get install {LocalBinaries.PostgresPackage}).";
            return;
        }
        _directory = new TempDirectory("helpdesk-postgres");
        _cluster = new PostgresCluster(_directory.Path);
        await _cluster.StartAsync();
    }

    public int Port => Cluster.Port;

    /// <summary>Connection string of the maintenance database (postgres), e.g. for CREATE DATABASE.</summary>
    public string AdminConnectionString => Cluster.ConnectionString();

    /// <summary>A new, empty database; returns its connection string (Host=127.0.0.1;Port=…;Username=postgres;Database=…).</summary>
    public Task<string> CreateDatabaseAsync(string prefix = "test") =>
        Cluster.CreateDatabaseAsync($"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)], TestContext.Current.CancellationToken);

    /// <summary>Connection string for a database that does not exist yet (the service's schema bootstrap creates it).</summary>
    public string NewDatabaseConnectionString(string prefix = "test") => Cluster.ConnectionString($"{prefix}_{Guid.NewGuid():N}");

    private PostgresCluster Cluster
    {
        get
        {
            if (_cluster is null)
            {
                InfrastructureRequirement.SkipOrFail(_unavailable ?? "PostgreSQL did not start.");
            }
            return _cluster!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
        }
        _directory?.Dispose();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HelpDesk.Messaging.Persistence;

/// <summary>
/// What the EF Core tools (<c>dotnet ef</c>) use to build a service's DbContext at design time. The provider is chosen
/// after <c>--</c>: <c>dotnet ef migrations add Name -- --provider PostgreSql</c> (or <c>Sqlite</c>, the default), with
/// <c>--connection "…"</c> for commands that talk to a database (or the tools' own <c>--connection</c>).
/// See docs/contributing.md, "Changing a model".
/// </summary>
public abstract class ServiceDbContextFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : ServiceDbContext
{
    /// <summary>The service's connection name (intakedb, …), used for the default design-time database.</summary>
    protected abstract string DatabaseName { get; }

    protected abstract TContext Create(DbContextOptions<TContext> options);

    public TContext CreateDbContext(string[] args)
    {
        var providerName = Argument(args, "--provider") ?? Environment.GetEnvironmentVariable("HELPDESK_EF_PROVIDER") ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var provider))
        {
            throw new ArgumentException($"--provider must be PostgreSql or Sqlite, not '{providerName}'.");
        }
        var connectionString = Argument(args, "--connection") ?? (provider == DatabaseProvider.PostgreSql
            ? $"Host=localhost;Username=postgres;Database={DatabaseName}"
            : ServiceDatabase.SqliteConnectionString(Path.Combine(Path.GetTempPath(), $"helpdesk-design-{DatabaseName}.db")));
        var options = new DbContextOptionsBuilder<TContext>();
        ServiceDatabase.Configure(options, provider, connectionString);
        return Create(options.Options);
    }

    private static string? Argument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Messaging.Probe;

/// <summary>Builds the probe's context for `dotnet ef` (its migrations are made like a service's).</summary>
public sealed class ProbeDbContextFactory : ServiceDbContextFactory<ProbeDbContext>
{
    protected override string DatabaseName => ProbeProgram.DatabaseName;

    protected override ProbeDbContext Create(DbContextOptions<ProbeDbContext> options) => new(options);
}

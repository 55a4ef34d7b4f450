using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Sla.Infrastructure;

/// <summary>Builds the context for `dotnet ef` (docs/contributing.md, "Changing a model").</summary>
public sealed class SlaDbContextFactory : ServiceDbContextFactory<SlaDbContext>
{
    protected override string DatabaseName => SlaExtensions.DatabaseName;

    protected override SlaDbContext Create(DbContextOptions<SlaDbContext> options) => new(options);
}

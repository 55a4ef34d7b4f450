using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Infrastructure;

/// <summary>Builds the context for `dotnet ef` (docs/contributing.md, "Changing a model").</summary>
public sealed class RoutingDbContextFactory : ServiceDbContextFactory<RoutingDbContext>
{
    protected override string DatabaseName => RoutingExtensions.DatabaseName;

    protected override RoutingDbContext Create(DbContextOptions<RoutingDbContext> options) => new(options);
}

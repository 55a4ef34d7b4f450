using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Identity.Infrastructure;

/// <summary>Builds the context for `dotnet ef` (docs/contributing.md, "Changing a model").</summary>
public sealed class IdentityServiceDbContextFactory : ServiceDbContextFactory<IdentityServiceDbContext>
{
    protected override string DatabaseName => IdentityServiceExtensions.DatabaseName;

    protected override IdentityServiceDbContext Create(DbContextOptions<IdentityServiceDbContext> options) => new(options);
}

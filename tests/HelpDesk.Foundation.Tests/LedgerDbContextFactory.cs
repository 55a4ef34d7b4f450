using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Foundation.Tests;

/// <summary>Builds the ledger's context for `dotnet ef` (its migrations are made like a service's).</summary>
public sealed class LedgerDbContextFactory : ServiceDbContextFactory<LedgerDbContext>
{
    protected override string DatabaseName => LedgerUnderTest.DatabaseName;

    protected override LedgerDbContext Create(DbContextOptions<LedgerDbContext> options) => new(options);
}

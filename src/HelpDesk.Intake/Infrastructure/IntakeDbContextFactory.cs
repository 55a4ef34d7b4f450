using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Infrastructure;

/// <summary>Builds the context for `dotnet ef` (docs/contributing.md, "Changing a model").</summary>
public sealed class IntakeDbContextFactory : ServiceDbContextFactory<IntakeDbContext>
{
    protected override string DatabaseName => IntakeExtensions.DatabaseName;

    protected override IntakeDbContext Create(DbContextOptions<IntakeDbContext> options) => new(options);
}

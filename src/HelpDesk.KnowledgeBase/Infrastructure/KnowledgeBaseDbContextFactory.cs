using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase.Infrastructure;

/// <summary>Builds the context for `dotnet ef` (docs/contributing.md, "Changing a model").</summary>
public sealed class KnowledgeBaseDbContextFactory : ServiceDbContextFactory<KnowledgeBaseDbContext>
{
    protected override string DatabaseName => KnowledgeBaseExtensions.DatabaseName;

    protected override KnowledgeBaseDbContext Create(DbContextOptions<KnowledgeBaseDbContext> options) => new(options);
}

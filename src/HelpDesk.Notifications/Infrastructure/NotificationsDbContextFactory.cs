using HelpDesk.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Notifications.Infrastructure;

/// <summary>Builds the context for `dotnet ef` (docs/contributing.md, "Changing a model").</summary>
public sealed class NotificationsDbContextFactory : ServiceDbContextFactory<NotificationsDbContext>
{
    protected override string DatabaseName => NotificationsExtensions.DatabaseName;

    protected override NotificationsDbContext Create(DbContextOptions<NotificationsDbContext> options) => new(options);
}

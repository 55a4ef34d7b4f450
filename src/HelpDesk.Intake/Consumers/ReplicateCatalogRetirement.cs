using HelpDesk.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Consumers;

/// <summary>A retired item can no longer be requested; tickets already filed keep their version and answers.</summary>
public sealed class ReplicateCatalogRetirement(IntakeDbContext db, ILogger<ReplicateCatalogRetirement> logger) : IdempotentConsumer<CatalogItemRetired, IntakeDbContext>(db, logger)
{
    protected override Task HandleAsync(ConsumeContext<CatalogItemRetired> context, CancellationToken cancellationToken) =>
        Db.CatalogForms.Where(f => f.Key == context.Message.Key && f.Version <= context.Message.LastVersion)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Retired, true), cancellationToken);
}

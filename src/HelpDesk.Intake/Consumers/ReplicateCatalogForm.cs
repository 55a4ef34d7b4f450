using System.Text.Json;
using HelpDesk.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Intake.Consumers;

/// <summary>Keeps Intake's replica of catalogue forms: one row per (item, version), upserted, so snapshots and redeliveries are harmless.</summary>
public sealed class ReplicateCatalogForm(IntakeDbContext db, ILogger<ReplicateCatalogForm> logger) : IdempotentConsumer<CatalogItemPublished, IntakeDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<CatalogItemPublished> context, CancellationToken cancellationToken)
    {
        var published = context.Message;
        var row = await Db.CatalogForms.FirstOrDefaultAsync(f => f.Key == published.Key && f.Version == published.Version, cancellationToken);
        if (row is null)
        {
            Db.CatalogForms.Add(new CatalogFormRecord
            {
                Key = published.Key, Version = published.Version, PublishedAt = published.PublishedAt,
                FormJson = JsonSerializer.Serialize(published.Definition.Form, CatalogForms.Json),
            });
        }
        // A new version brings a retired item back.
        await Db.CatalogForms.Where(f => f.Key == published.Key && f.Retired).ExecuteUpdateAsync(u => u.SetProperty(f => f.Retired, false), cancellationToken);
    }
}

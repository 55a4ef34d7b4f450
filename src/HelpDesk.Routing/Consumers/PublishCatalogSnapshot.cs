using HelpDesk.Contracts;
using HelpDesk.Messaging.Inbox;
using HelpDesk.Messaging.Outbox;
using HelpDesk.Routing.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Consumers;

/// <summary>Publishes every current catalogue version again, for a read model that starts empty (Intake's forms).</summary>
public sealed class PublishCatalogSnapshot(RoutingDbContext db, ILogger<PublishCatalogSnapshot> logger)
    : IdempotentConsumer<CatalogSnapshotRequested, RoutingDbContext>(db, logger)
{
    protected override async Task HandleAsync(ConsumeContext<CatalogSnapshotRequested> context, CancellationToken cancellationToken)
    {
        var current = await Db.CatalogItemVersions.AsNoTracking()
            .Join(Db.CatalogItems.AsNoTracking().Where(i => i.CurrentVersion > 0), v => new { v.Key, v.Version }, i => new { i.Key, Version = i.CurrentVersion }, (v, i) => new { v, i.Retired })
            .ToListAsync(cancellationToken);
        foreach (var row in current)
        {
            Db.PublishEvent(new CatalogItemPublished(row.v.Key, row.v.Version, row.v.Definition, row.v.PublishedAt, row.v.PublishedBy));
            if (row.Retired)
            {
                Db.PublishEvent(new CatalogItemRetired(row.v.Key, row.v.Version, row.v.PublishedAt));
            }
        }
        logger.LogInformation("Catalogue snapshot for {Requester}: {Count} items published again", context.Message.RequestedBy, current.Count);
    }
}

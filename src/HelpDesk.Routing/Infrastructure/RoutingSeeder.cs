using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Routing.Infrastructure;

/// <summary>
/// Seeds rules, queues, agents, catalogue and portal choices from configuration into an empty database; after
/// that the APIs own them (configuration does not overwrite edits made through the API).
/// </summary>
internal sealed class RoutingSeeder(IServiceScopeFactory scopes, IOptions<RoutingOptions> options, TimeProvider time, ILogger<RoutingSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seed = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var now = time.GetUtcNow();
        try
        {
            if (seed.Rules.Count > 0 && !await db.Rules.AnyAsync(cancellationToken))
            {
                db.Rules.AddRange(seed.Rules.Select(r => new RoutingRule
                {
                    Id = Guid.CreateVersion7(), Name = r.Name, Priority = r.Priority, Enabled = r.Enabled, Types = r.Types, Channels = r.Channels,
                    Organisations = r.Organisations, Keywords = r.Keywords, Tags = r.Tags, Queue = r.Queue, Category = r.Category,
                    PriorityOverride = r.PriorityOverride, AddTags = r.AddTags, UpdatedAt = now,
                }));
            }
            if (seed.Queues.Count > 0 && !await db.Queues.AnyAsync(cancellationToken))
            {
                db.Queues.AddRange(seed.Queues.Select(q => new RoutingQueue { Name = q.Name, Strategy = q.Strategy }));
            }
            if (seed.Agents.Count > 0 && !await db.Agents.AnyAsync(cancellationToken))
            {
                db.Agents.AddRange(seed.Agents.Select(a => new Agent
                {
                    Id = a.Id, Name = a.Name, Email = a.Email, Queues = a.Queues, Skills = a.Skills, Capacity = a.Capacity, OnShift = a.OnShift,
                }));
            }
            if (seed.Catalog.Count > 0 && !await db.CatalogItems.AnyAsync(cancellationToken))
            {
                db.CatalogItems.AddRange(seed.Catalog.Select(i => new CatalogItem
                {
                    Key = i.Key, Name = i.Name, PreApproved = i.PreApproved, Approver = i.Approver, Keywords = i.Keywords,
                }));
            }
            if (seed.Portals.Count > 0 && !await db.PortalChoices.AnyAsync(cancellationToken))
            {
                foreach (var (portal, choices) in seed.Portals)
                {
                    if (choices.Count is < PortalChoice.MinPerPortal or > PortalChoice.MaxPerPortal)
                    {
                        throw new InvalidOperationException(
                            $"Routing:Portals:{portal} has {choices.Count} choices; a portal offers {PortalChoice.MinPerPortal}–{PortalChoice.MaxPerPortal}.");
                    }
                    db.PortalChoices.AddRange(choices.Select((c, index) => new PortalChoice
                    {
                        Portal = portal, Order = index, Key = c.Key, Label = c.Label, Description = c.Description,
                        Type = c.CatalogItem is null ? c.Type : TicketType.ServiceRequest, Category = c.Category, CatalogItem = c.CatalogItem,
                    }));
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another replica seeded first; its rows stand.
            logger.LogInformation("Routing seed data already present ({Error})", ex.InnerException?.Message ?? ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

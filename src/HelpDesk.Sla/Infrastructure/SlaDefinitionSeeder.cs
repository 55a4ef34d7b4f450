using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Sla.Infrastructure;

/// <summary>
/// Writes configured calendars and policies into the database at start (configuration wins over earlier copies), and
/// the built-in defaults when nothing was ever defined. Runs after the schema exists, before consumers start.
/// </summary>
internal sealed class SlaDefinitionSeeder(IServiceScopeFactory scopes, IOptions<SlaOptions> options, TimeProvider time, SlaCatalogProvider catalogs, ILogger<SlaDefinitionSeeder> logger) : IHostedService
{
    public const string DefaultCalendarName = "business-hours";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SeedAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another replica seeded the same rows at the same moment: read what it wrote and apply ours on top.
            logger.LogInformation(ex, "SLA definitions were seeded concurrently; retrying once");
            await SeedAsync(cancellationToken);
        }
        catalogs.Invalidate();
        var catalog = await catalogs.GetAsync(cancellationToken);
        logger.LogInformation("SLA catalogue: {Policies} policies, {Calendars} calendars", catalog.Policies.Count, catalog.Calendars.Count);
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlaDbContext>();
        var existing = await db.Definitions.ToListAsync(cancellationToken);
        var settings = options.Value;
        var now = time.GetUtcNow();

        void Upsert(DefinitionKind kind, string name, object definition, DefinitionSource source)
        {
            var row = existing.FirstOrDefault(r => r.Kind == kind && r.Name == name);
            if (row is null)
            {
                row = new SlaDefinitionRecord { Kind = kind, Name = name };
                db.Definitions.Add(row);
                existing.Add(row);
            }
            else if (row.Source == DefinitionSource.Api && source == DefinitionSource.Default)
            {
                return;
            }
            row.Write(definition, source, now);
        }

        foreach (var (name, calendar) in settings.Calendars)
        {
            Upsert(DefinitionKind.Calendar, name, calendar, DefinitionSource.Configuration);
        }
        if (!existing.Any(r => r.Kind == DefinitionKind.Calendar && r.Name == DefaultCalendarName))
        {
            Upsert(DefinitionKind.Calendar, DefaultCalendarName, CalendarDefinition.DefaultBusinessHours(), DefinitionSource.Default);
        }
        foreach (var (name, policy) in settings.Policies)
        {
            Upsert(DefinitionKind.Policy, name, policy, DefinitionSource.Configuration);
        }
        if (!existing.Any(r => r.Kind == DefinitionKind.Policy))
        {
            foreach (var (name, policy) in PolicyDefinition.Defaults(DefaultCalendarName))
            {
                Upsert(DefinitionKind.Policy, name, policy, DefinitionSource.Default);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

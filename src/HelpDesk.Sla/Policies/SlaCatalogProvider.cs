using System.Text.Json;
using HelpDesk.Sla.Calendars;
using HelpDesk.Sla.Clocks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Sla.Policies;

public sealed class SlaOptions
{
    public const string Section = "Sla";

    /// <summary>Calendars by name; when none are configured a Monday–Friday 09:00–17:00 UTC "business-hours" calendar exists.</summary>
    public Dictionary<string, CalendarDefinition> Calendars { get; set; } = [];

    /// <summary>Policies by name; when none are configured (and none were created through the API) priority-based defaults apply.</summary>
    public Dictionary<string, PolicyDefinition> Policies { get; set; } = [];

    public SlaScannerOptions Scanner { get; set; } = new();

    /// <summary>How long a replica trusts its cached catalogue before re-reading changes made on another replica.</summary>
    public TimeSpan CatalogRefresh { get; set; } = TimeSpan.FromSeconds(15);
}

public sealed class SlaScannerOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Due clocks handled per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Longest sleep between looks at the due index: bounds lateness for clocks written by other replicas.</summary>
    public TimeSpan MaxIdle { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Caches the compiled catalogue; writes through the API invalidate it, other replicas' writes are seen after <see cref="SlaOptions.CatalogRefresh"/>.</summary>
public sealed class SlaCatalogProvider(IServiceScopeFactory scopes, IOptions<SlaOptions> options, TimeProvider time, ILogger<SlaCatalogProvider> logger) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _snapshot;

    public async Task<SlaCatalog> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < options.Value.CatalogRefresh)
        {
            return snapshot.Catalog;
        }
        await _loading.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < options.Value.CatalogRefresh)
            {
                return snapshot.Catalog;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SlaDbContext>();
            var records = await db.Definitions.AsNoTracking().ToListAsync(cancellationToken);
            var catalog = Compile(records, logger);
            _snapshot = new Snapshot(catalog, time.GetUtcNow());
            return catalog;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Invalidate() => _snapshot = null;

    public void Dispose() => _loading.Dispose();

    internal static SlaCatalog Compile(IReadOnlyList<SlaDefinitionRecord> records, ILogger logger)
    {
        var calendars = new List<BusinessCalendar>();
        foreach (var record in records.Where(r => r.Kind == DefinitionKind.Calendar))
        {
            var errors = new Dictionary<string, string[]>();
            if (Deserialize<CalendarDefinition>(record)?.Compile(record.Name, errors) is { } calendar)
            {
                calendars.Add(calendar);
            }
            else
            {
                logger.LogError("Calendar {Name} is invalid and ignored: {Errors}", record.Name, string.Join("; ", errors.SelectMany(e => e.Value)));
            }
        }
        var names = calendars.Select(c => c.Name).Append(BusinessCalendar.AlwaysName).ToHashSet(StringComparer.Ordinal);
        var policies = new List<SlaPolicy>();
        foreach (var record in records.Where(r => r.Kind == DefinitionKind.Policy))
        {
            var errors = new Dictionary<string, string[]>();
            if (Deserialize<PolicyDefinition>(record)?.Compile(record.Name, names, errors) is { } policy)
            {
                policies.Add(policy);
            }
            else
            {
                logger.LogError("Policy {Name} is invalid and ignored: {Errors}", record.Name, string.Join("; ", errors.SelectMany(e => e.Value)));
            }
        }
        return new SlaCatalog(policies, calendars);
    }

    internal static T? Deserialize<T>(SlaDefinitionRecord record) => JsonSerializer.Deserialize<T>(record.Json, SlaClockStore.JsonOptions);

    private sealed record Snapshot(SlaCatalog Catalog, DateTimeOffset LoadedAt);
}

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
            var json = JsonSerializer.Serialize(definition, definition.GetType(), SlaClockStore.JsonOptions);
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
            row.Json = json;
            row.Source = source;
            row.UpdatedAt = now;
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

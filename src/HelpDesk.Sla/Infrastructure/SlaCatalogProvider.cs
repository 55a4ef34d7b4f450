using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Sla.Infrastructure;

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
            var errors = new Validation();
            if (record.Read<CalendarDefinition>()?.Compile(record.Name, errors) is { } calendar)
            {
                calendars.Add(calendar);
            }
            else
            {
                logger.LogError("Calendar {Name} is invalid and ignored: {Errors}", record.Name, errors.Summary());
            }
        }
        var names = calendars.Select(c => c.Name).Append(BusinessCalendar.AlwaysName).ToHashSet(StringComparer.Ordinal);
        var policies = new List<SlaPolicy>();
        foreach (var record in records.Where(r => r.Kind == DefinitionKind.Policy))
        {
            var errors = new Validation();
            if (record.Read<PolicyDefinition>()?.Compile(record.Name, names, errors) is { } policy)
            {
                policies.Add(policy);
            }
            else
            {
                logger.LogError("Policy {Name} is invalid and ignored: {Errors}", record.Name, errors.Summary());
            }
        }
        return new SlaCatalog(policies, calendars);
    }

    private sealed record Snapshot(SlaCatalog Catalog, DateTimeOffset LoadedAt);
}

using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Synonyms;
using Microsoft.Extensions.Options;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

/// <summary>
/// Keeps this replica's index complete: opens it before the bus delivers article events, then, once its queue is
/// bound, catches up from the database from the checkpoint stored with the index (a new or long-stopped replica misses nothing);
/// loads the synonyms; runs full rebuilds on request. Readiness stays unhealthy until a catch-up has succeeded.
/// </summary>
public sealed class IndexSynchronizer(
    ISearchBackend backend,
    SynonymCatalog synonyms,
    IServiceScopeFactory scopes,
    IOptions<KnowledgeBaseOptions> options,
    ILogger<IndexSynchronizer> logger) : BackgroundService, IHostedLifecycleService, IHealthCheck
{
    private const int BatchSize = 500;

    /// <summary>A catch-up that applied at least this many articles was a bulk load: the index is compacted after it.</summary>
    private const int CompactAfter = 1_000;
    private readonly Lock _rebuildLock = new();
    private readonly TaskCompletionSource _firstCatchUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _rebuild;

    public bool CaughtUp { get; private set; }

    public DateTimeOffset? LastRebuildCompletedAt { get; private set; }

    public string? LastRebuildError { get; private set; }

    public bool Rebuilding => _rebuild is { IsCompleted: false };

    /// <summary>
    /// Opens the index before the bus can deliver article events (hosted services start in order). The catch-up waits
    /// for <see cref="StartedAsync"/>: only then is this replica's queue bound, so an article changed while the catch-up
    /// reads is either in what it reads or in the queue; caught up the other way round, it could be in neither.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await backend.InitializeAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Every hosted service has started, the bus with this replica's queue included: catch up once.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CatchUpOnceAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Search index catch-up failed at start; retrying in the background");
        }
        finally
        {
            _firstCatchUp.TrySetResult();
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _firstCatchUp.Task.WaitAsync(stoppingToken);
        for (var attempt = 1; !CaughtUp && !stoppingToken.IsCancellationRequested; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken);
            try
            {
                await CatchUpOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Search index catch-up failed (attempt {Attempt}); retrying", attempt);
            }
        }
    }

    private async Task CatchUpOnceAsync(CancellationToken cancellationToken)
    {
        await synonyms.ReloadAsync(cancellationToken);
        var applied = await CatchUpAsync(cancellationToken);
        if (applied >= CompactAfter)
        {
            await backend.CompactAsync(cancellationToken);
        }
        CaughtUp = true;
        logger.LogInformation("Search index ({Backend}) caught up with the database: {Count} article states applied", backend.Name, applied);
    }

    /// <summary>Applies every article changed since the index checkpoint (minus an overlap for clock skew).</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await backend.GetCheckpointAsync(cancellationToken);
        var since = checkpoint is { } c ? c - options.Value.CatchUpOverlap : DateTimeOffset.MinValue;
        var applied = 0;
        await foreach (var batch in ReadArticlesAsync(since, cancellationToken))
        {
            await backend.ApplyAsync(batch, cancellationToken);
            applied += batch.Count;
        }
        return applied;
    }

    /// <summary>Starts a rebuild in the background; false when one is already running.</summary>
    public bool StartRebuild()
    {
        lock (_rebuildLock)
        {
            if (Rebuilding)
            {
                return false;
            }
            _rebuild = Task.Run(async () =>
            {
                try
                {
                    await backend.RebuildAsync(ReadArticlesAsync(DateTimeOffset.MinValue, CancellationToken.None), CancellationToken.None);
                    LastRebuildCompletedAt = DateTimeOffset.UtcNow;
                    LastRebuildError = null;
                }
                catch (Exception ex)
                {
                    LastRebuildError = ex.Message;
                    logger.LogError(ex, "Search index rebuild failed; the previous index stays in use");
                }
            });
            return true;
        }
    }

    public Task WaitForRebuildAsync() => _rebuild ?? Task.CompletedTask;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(CaughtUp
            ? HealthCheckResult.Healthy($"{backend.Name} index caught up")
            : HealthCheckResult.Unhealthy($"{backend.Name} index still catching up with the database"));

    /// <summary>Article states in change order, published text joined from the published version; keyset-paged.</summary>
    private async IAsyncEnumerable<IReadOnlyCollection<IndexedArticle>> ReadArticlesAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Offset paging over a stable order: an article changed meanwhile moves to the end and is read again (harmless).
        for (var offset = 0; ; offset += BatchSize)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
            var articles = await db.Articles.AsNoTracking()
                .Where(a => a.StateChangedAt >= since)
                .OrderBy(a => a.StateChangedAt).ThenBy(a => a.Id)
                .Skip(offset).Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (articles.Count == 0)
            {
                yield break;
            }
            var keys = articles.Where(a => a.PublishedVersion != null && !a.Deleted).Select(a => a.Id).ToList();
            var versions = await (
                    from v in db.ArticleVersions.AsNoTracking()
                    join a in db.Articles on v.ArticleId equals a.Id
                    where keys.Contains(a.Id) && v.Version == a.PublishedVersion
                    select v)
                .ToDictionaryAsync(v => v.ArticleId, cancellationToken);
            yield return [.. articles.Select(a => ToIndexed(a, versions.GetValueOrDefault(a.Id)))];
        }
    }

    public static IndexedArticle ToIndexed(Article article, ArticleVersion? published) =>
        published is null || article.Deleted || article.Visibility == ArticleVisibility.Draft
            ? IndexedArticle.Tombstone(article.Id, article.Revision, article.PublishedVersion ?? article.LatestVersion, article.StateChangedAt)
            : new IndexedArticle(article.Id, article.Revision, published.Version, published.Title, published.Body, published.Language,
                published.Category, published.Tags, article.Visibility, article.StateChangedAt);
}

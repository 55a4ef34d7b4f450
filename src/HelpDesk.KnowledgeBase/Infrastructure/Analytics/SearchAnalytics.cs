using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.KnowledgeBase.Infrastructure.Analytics;

/// <summary>
/// Every search, click and article visit goes into the analytics log without making anyone wait: the request only
/// queues the event; this writer stores queued events in batches (one transaction each), in order, so a click is
/// applied after its search. If the queue is full the event is dropped and counted (logged), never the search slowed.
/// On shutdown the queue is drained. A crash loses what was queued and not yet written (at most a second or so).
/// </summary>
public sealed class SearchAnalytics(IServiceScopeFactory scopes, IOptions<KnowledgeBaseOptions> options, ILogger<SearchAnalytics> logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private readonly Channel<AnalyticsEvent> _queue = Channel.CreateBounded<AnalyticsEvent>(
        new BoundedChannelOptions(Math.Max(1, options.Value.AnalyticsQueueCapacity)) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private long _dropped;
    private long _queued;
    private long _written;
    private long _skipped;

    /// <summary>Events dropped because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events stored, since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Events queued and neither stored nor skipped yet.</summary>
    public long Pending => Interlocked.Read(ref _queued) - Written - Interlocked.Read(ref _skipped);

    public void Record(AnalyticsEvent analyticsEvent)
    {
        // Counted before the write, so the writer never sees an event that Pending does not.
        Interlocked.Increment(ref _queued);
        if (_queue.Writer.TryWrite(analyticsEvent))
        {
            return;
        }
        Interlocked.Decrement(ref _queued);
        if (Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            logger.LogWarning("Search analytics queue full: {Dropped} events dropped so far", Dropped);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AnalyticsEvent>(MaxBatch);
        // Runs until the writer is completed (StopAsync) and everything queued is written, even as the host stops.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            try
            {
                await WriteAsync(batch, CancellationToken.None);
                Interlocked.Add(ref _written, batch.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Add(ref _skipped, batch.Count);
                logger.LogWarning(ex, "Could not store {Count} search analytics events; they are skipped", batch.Count);
            }
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<AnalyticsEvent> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        db.SearchLog.AddRange(batch.OfType<SearchLogged>().Select(e => e.Entry));
        db.ArticleVisits.AddRange(batch.OfType<ArticleVisited>().Select(e => e.Visit));
        var clicks = batch.OfType<SearchClicked>().ToList();
        if (clicks.Count > 0)
        {
            var ids = clicks.Select(c => c.SearchId).Distinct().ToList();
            var known = await db.SearchLog.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
            foreach (var entry in db.SearchLog.Local.Where(e => ids.Contains(e.Id)))
            {
                known[entry.Id] = entry;
            }
            foreach (var click in clicks)
            {
                known.GetValueOrDefault(click.SearchId)?.Clicked(click.ArticleId, click.At);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.KnowledgeBase.Infrastructure.Analytics;

/// <summary>
/// Deletes analytics older than <see cref="KnowledgeBaseOptions.AnalyticsRetention"/> every hour: searches, visits
/// and, a deflection window later, the tickets they were compared with.
/// </summary>
public sealed class AnalyticsRetention(IServiceScopeFactory scopes, IOptions<KnowledgeBaseOptions> options, TimeProvider time, ILogger<AnalyticsRetention> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.AnalyticsRetention;
        var ticketCutoff = cutoff - options.Value.DeflectionWindow;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        var removed = await db.SearchLog.Where(e => e.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        removed += await db.ArticleVisits.Where(v => v.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        removed += await db.RequesterTickets.Where(t => t.SubmittedAt < ticketCutoff).ExecuteDeleteAsync(cancellationToken);
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                var removed = await PurgeAsync(stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Search analytics retention removed {Count} rows older than {Retention}", removed, options.Value.AnalyticsRetention);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Search analytics retention failed; retrying in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

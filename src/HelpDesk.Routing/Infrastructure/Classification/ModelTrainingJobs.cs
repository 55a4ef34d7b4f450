using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// Training runs queued for <see cref="ModelTrainingWorker"/>, one at a time on the replica that received them (an
/// upload is spooled to its disk). Their status is written to routing's database (the last 100 jobs are kept), so any
/// replica answers the status URL; a job whose replica stopped is reported failed (<see cref="StoredTrainingJob.StaleAfter"/>).
/// </summary>
public sealed class ModelTrainingJobs(IServiceScopeFactory scopes, TimeProvider time)
{
    public const int Kept = 100;

    private readonly Channel<TrainingJob> _queue = Channel.CreateUnbounded<TrainingJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, TrainingJob> _unfinished = new();

    public ChannelReader<TrainingJob> Queue => _queue.Reader;

    public async Task<TrainingJob> EnqueueAsync(
        string source, bool force, string? csvPath, Func<CancellationToken, Task<List<LabelledTicket>>>? loader, Guid? id, CancellationToken cancellationToken)
    {
        var job = new TrainingJob(id ?? Guid.CreateVersion7(), source, force, time.GetUtcNow(), csvPath, loader);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        db.TrainingJobs.Add(StoredTrainingJob.From(job.View, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        var older = await Newest(db).Skip(Kept).Select(j => j.Id).ToListAsync(cancellationToken);
        await db.TrainingJobs.Where(j => older.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken);
        _unfinished[job.Id] = job;
        _queue.Writer.TryWrite(job);
        return job;
    }

    public async Task<TrainingJobView?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var row = await db.TrainingJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        return row?.ToView(time.GetUtcNow());
    }

    public async Task<IReadOnlyList<TrainingJobView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var rows = await Newest(db).Take(Kept).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return [.. rows.Select(r => r.ToView(now))];
    }

    /// <summary>
    /// Writes the current state of this replica's unfinished jobs (the running one's progress, and a sign of life for
    /// the queued ones); a finished job is written one last time and forgotten.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        var jobs = _unfinished.Values.ToDictionary(j => j.Id, j => j.View);
        if (jobs.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var ids = jobs.Keys.ToList();
        var now = time.GetUtcNow();
        foreach (var row in await db.TrainingJobs.Where(j => ids.Contains(j.Id)).ToListAsync(cancellationToken))
        {
            row.Take(jobs[row.Id], now);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (id, view) in jobs.Where(j => j.Value.State is TrainingJobState.Activated or TrainingJobState.Kept or TrainingJobState.Failed))
        {
            _unfinished.TryRemove(id, out _);
        }
    }

    private static IQueryable<StoredTrainingJob> Newest(RoutingDbContext db) =>
        db.TrainingJobs.AsNoTracking().OrderByDescending(j => j.QueuedAt).ThenByDescending(j => j.Id);
}

using System.Collections.Concurrent;
using System.Threading.Channels;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// Training runs queued for <see cref="ModelTrainingWorker"/>, one at a time. Jobs live in memory (the last 100 are
/// kept): a restart forgets queued and running jobs, and the client trains again; the active model is in the database.
/// </summary>
public sealed class ModelTrainingJobs(TimeProvider time)
{
    private const int Kept = 100;
    private readonly Channel<TrainingJob> _queue = Channel.CreateUnbounded<TrainingJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, TrainingJob> _jobs = new();

    public ChannelReader<TrainingJob> Queue => _queue.Reader;

    public TrainingJob Enqueue(string source, bool force, string? csvPath, Func<CancellationToken, Task<List<LabelledTicket>>>? loader = null, Guid? id = null)
    {
        var job = new TrainingJob(id ?? Guid.NewGuid(), source, force, time.GetUtcNow(), csvPath, loader);
        _jobs[job.Id] = job;
        foreach (var old in _jobs.Values.OrderByDescending(j => j.View.QueuedAt).Skip(Kept).ToList())
        {
            _jobs.TryRemove(old.Id, out _);
        }
        _queue.Writer.TryWrite(job);
        return job;
    }

    public TrainingJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    public IReadOnlyList<TrainingJobView> List() => _jobs.Values.Select(j => j.View).OrderByDescending(v => v.QueuedAt).ToList();
}

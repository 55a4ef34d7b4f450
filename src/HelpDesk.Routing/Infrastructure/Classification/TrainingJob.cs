namespace HelpDesk.Routing.Infrastructure.Classification;

public enum TrainingJobState { Queued, Running, Activated, Kept, Failed }

/// <summary>What a client polls: state, current stage and progress, and the outcome once finished.</summary>
public sealed record TrainingJobView(
    Guid Id, string Source, bool Force, TrainingJobState State, string Stage, double Progress, DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error, bool? Replaced, string? Reason, ClassifierInfo? Model);

/// <summary>
/// One training run. Its examples come either from an uploaded CSV spooled to disk (<see cref="CsvPath"/>, deleted when
/// the job ends) or from a loader (the desk's own tickets).
/// </summary>
public sealed class TrainingJob
{
    private readonly Lock _gate = new();
    private TrainingJobView _view;

    public TrainingJob(Guid id, string source, bool force, DateTimeOffset queuedAt, string? csvPath, Func<CancellationToken, Task<List<LabelledTicket>>>? loader)
    {
        Id = id;
        CsvPath = csvPath;
        Loader = loader;
        _view = new TrainingJobView(id, source, force, TrainingJobState.Queued, "queued", 0, queuedAt, null, null, null, null, null, null);
    }

    public Guid Id { get; }

    public string? CsvPath { get; }

    public Func<CancellationToken, Task<List<LabelledTicket>>>? Loader { get; }

    public TrainingJobView View
    {
        get
        {
            lock (_gate)
            {
                return _view;
            }
        }
    }

    public void Update(Func<TrainingJobView, TrainingJobView> change)
    {
        lock (_gate)
        {
            _view = change(_view);
        }
    }
}

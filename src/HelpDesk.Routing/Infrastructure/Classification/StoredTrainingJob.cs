using System.Text.Json;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// A training job as every replica sees it: the job runs on the replica that received it (its upload is spooled there),
/// but its status is in routing's database, so the status URL answers whichever replica the request reaches.
/// </summary>
public sealed class StoredTrainingJob
{
    /// <summary>A queued or running job whose replica has not written for this long stopped (restart, crash, scale-down).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid Id { get; set; }

    public required string Source { get; set; }

    public bool Force { get; set; }

    public TrainingJobState State { get; set; }

    public required string Stage { get; set; }

    public double Progress { get; set; }

    public DateTimeOffset QueuedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>When the replica running the job last wrote it (at least every few seconds while it is queued or running).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public string? Error { get; set; }

    public bool? Replaced { get; set; }

    public string? Reason { get; set; }

    /// <summary>The trained model's description (<see cref="ClassifierInfo"/> as JSON), once trained.</summary>
    public string? Model { get; set; }

    public static StoredTrainingJob From(TrainingJobView view, DateTimeOffset now)
    {
        var row = new StoredTrainingJob { Id = view.Id, Source = view.Source, Stage = view.Stage };
        row.Take(view, now);
        return row;
    }

    /// <summary>Takes the job's current view (written by the replica running it).</summary>
    public void Take(TrainingJobView view, DateTimeOffset now)
    {
        (Source, Force, State, Stage, Progress) = (Clip(view.Source, 200)!, view.Force, view.State, Clip(view.Stage, 200)!, view.Progress);
        (QueuedAt, StartedAt, FinishedAt, UpdatedAt) = (view.QueuedAt, view.StartedAt, view.FinishedAt, now);
        (Error, Replaced, Reason) = (Clip(view.Error, 2000), view.Replaced, Clip(view.Reason, 2000));
        Model = view.Model is null ? null : JsonSerializer.Serialize(view.Model, Json);
    }

    /// <summary>The job as clients see it; one left queued or running by a replica that stopped is reported failed.</summary>
    public TrainingJobView ToView(DateTimeOffset now)
    {
        var model = Model is null ? null : JsonSerializer.Deserialize<ClassifierInfo>(Model, Json);
        var view = new TrainingJobView(Id, Source, Force, State, Stage, Progress, QueuedAt, StartedAt, FinishedAt, Error, Replaced, Reason, model);
        return State is TrainingJobState.Queued or TrainingJobState.Running && now - UpdatedAt > StaleAfter
            ? view with
            {
                State = TrainingJobState.Failed, Stage = "failed", FinishedAt = UpdatedAt,
                Error = "The routing replica running this job stopped before it finished (restart, crash or scale-down); start the training again.",
            }
            : view;
    }

    private static string? Clip(string? text, int length) => text is not null && text.Length > length ? text[..length] : text;
}

using System.Text;
using Microsoft.Extensions.Options;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>Runs queued training jobs in the background: read the examples, train, offer the model to the classifier.</summary>
public sealed class ModelTrainingWorker(
    ModelTrainingJobs jobs, TicketClassifier classifier, IWordVectors vectors, IOptionsMonitor<RoutingOptions> options, TimeProvider time,
    ILogger<ModelTrainingWorker> logger) : BackgroundService
{
    public const int MinimumExamples = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in jobs.Queue.ReadAllAsync(stoppingToken))
        {
            await RunAsync(job, stoppingToken);
        }
    }

    private async Task RunAsync(TrainingJob job, CancellationToken cancellationToken)
    {
        job.Update(v => v with { State = TrainingJobState.Running, Stage = "reading examples", StartedAt = time.GetUtcNow() });
        await TrySaveAsync(cancellationToken);
        try
        {
            var examples = await ReadAsync(job, cancellationToken);
            var categories = examples.Select(e => e.Category).Distinct(StringComparer.Ordinal).Count();
            if (examples.Count < MinimumExamples || categories < 2)
            {
                throw new InvalidDataException($"Training needs at least {MinimumExamples} labelled tickets in at least 2 categories; got {examples.Count} in {categories}.");
            }
            var settings = options.CurrentValue;
            var progress = new Progress(job);
            var training = Task.Run(() => new ModelTrainer(classifier.Analyzer, vectors)
                .Train(examples, settings.Training, job.View.Source, settings.ModelConfidenceThreshold, progress, cancellationToken), cancellationToken);
            var model = await SavingWhileAsync(training, cancellationToken);
            var outcome = await classifier.OfferAsync(model, job.View.Force, cancellationToken);
            job.Update(v => v with
            {
                State = outcome.Replaced ? TrainingJobState.Activated : TrainingJobState.Kept, Stage = "finished", Progress = 1,
                FinishedAt = time.GetUtcNow(), Replaced = outcome.Replaced, Reason = outcome.Reason, Model = outcome.Model,
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Training job {Job} failed", job.Id);
            job.Update(v => v with { State = TrainingJobState.Failed, Stage = "failed", FinishedAt = time.GetUtcNow(), Error = ex.Message });
        }
        finally
        {
            if (job.CsvPath is not null)
            {
                File.Delete(job.CsvPath);
            }
        }
        await TrySaveAsync(cancellationToken);
    }

    /// <summary>Waits for <paramref name="work"/>, writing the jobs' state every second meanwhile (progress for readers, a sign of life for queued jobs).</summary>
    private async Task<T> SavingWhileAsync<T>(Task<T> work, CancellationToken cancellationToken)
    {
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken));
            await TrySaveAsync(cancellationToken);
        }
        return await work;
    }

    /// <summary>A status write that fails (the database is briefly away) does not fail the training; the next one catches up.</summary>
    private async Task TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await jobs.SaveAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not write the training jobs' status to routing's database");
        }
    }

    private static async Task<List<LabelledTicket>> ReadAsync(TrainingJob job, CancellationToken cancellationToken)
    {
        if (job.Loader is not null)
        {
            return await job.Loader(cancellationToken);
        }
        using var reader = new StreamReader(job.CsvPath!, Encoding.UTF8);
        return CsvReader.ReadLabelledTickets(reader);
    }

    private sealed class Progress(TrainingJob job) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => job.Update(v => v with { Stage = value.Stage, Progress = Math.Round(value.Fraction, 3) });
    }
}

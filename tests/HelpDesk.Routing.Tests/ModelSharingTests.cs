using System.Net.Http.Json;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Routing.Api;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Routing.Tests;

/// <summary>
/// An activated model lives in routing's database: every replica uses it, a restart keeps it, and a replica whose data
/// directory is empty (a new pod's emptyDir) does not fall back to the shipped model.
/// </summary>
public sealed class ModelSharingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_model_trained_on_one_replica_reaches_the_others_and_outlives_a_restart()
    {
        await using var first = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        var trained = await Training.CsvAsync(first.Client, TrainingData.Csv());
        Assert.Equal(TrainingJobState.Activated, trained.State);

        // A second replica: its own (empty) data directory, the same database.
        using var secondData = new TempDirectory("helpdesk-routing-replica");
        var shared = SharedDatabase(first);
        var second = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, shared, secondData.Path);
        try
        {
            Assert.Equal(trained.Model!.TrainedAt, (await ModelAsync(second))!.TrainedAt);

            // Trained again on the first replica (forced): the second picks it up without a restart.
            var forced = await Training.CsvAsync(first.Client, TrainingData.Csv(shuffleLabels: true), force: true);
            Assert.Equal(TrainingJobState.Activated, forced.State);
            await Eventually.TrueAsync(async () => (await ModelAsync(second))?.TrainedAt == forced.Model!.TrainedAt,
                TimeSpan.FromSeconds(30), "the second replica to use the model the first one activated");

            await second.DisposeAsync();
            second = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, shared, secondData.Path);
            Assert.Equal(forced.Model!.TrainedAt, (await ModelAsync(second))!.TrainedAt);
            var rows = await second.QueryAsync(db => db.ClassifierModels.AsNoTracking().Select(m => m.Source).ToListAsync(Cancel));
            Assert.Equal(["csv", "csv"], rows);
            Assert.False(File.Exists(Path.Combine(first.DataDirectory, "routing", "ticket-classifier.model")));
            Assert.False(File.Exists(Path.Combine(secondData.Path, "routing", "ticket-classifier.model")));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_model_an_earlier_version_saved_in_the_data_directory_is_imported_once()
    {
        using var data = new TempDirectory("helpdesk-routing-legacy");
        Directory.CreateDirectory(Path.Combine(data.Path, "routing"));
        File.Copy(Shipped.ModelPath, Path.Combine(data.Path, "routing", "ticket-classifier.model"));

        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, dataDirectory: data.Path);
        var model = await ModelAsync(host);
        Assert.NotNull(model);
        var stored = await host.QueryAsync(db => db.ClassifierModels.AsNoTracking().ToListAsync(Cancel));
        var row = Assert.Single(stored);
        using var content = new MemoryStream(row.Content);
        Assert.Equal(model.TrainedAt, RoutingModel.Load(content).Info.TrainedAt);
    }

    [Fact]
    public async Task An_admin_can_go_back_to_an_earlier_model_from_the_history()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        var good = await Training.CsvAsync(host.Client, TrainingData.Csv());
        var worse = await Training.CsvAsync(host.Client, TrainingData.Csv(shuffleLabels: true), force: true);
        var history = await host.Client.GetFromJsonAsync<List<StoredModelView>>("/api/v1/routing/model/history", TestJson.Options, Cancel);
        Assert.NotNull(history);
        Assert.Equal([true, false], history.Select(m => m.Active));
        Assert.Equal([worse.Model!.Validation!.Accuracy, good.Model!.Validation!.Accuracy], history.Select(m => m.ValidationAccuracy));

        var response = await host.Client.PostAsync($"/api/v1/routing/model/history/{history[1].Id}/activate", null, Cancel);
        response.EnsureSuccessStatusCode();
        Assert.Equal(good.Model.TrainedAt, (await response.Content.ReadFromJsonAsync<ModelView>(TestJson.Options, Cancel))!.Model!.TrainedAt);
        Assert.Equal(good.Model.TrainedAt, (await ModelAsync(host))!.TrainedAt);
        history = await host.Client.GetFromJsonAsync<List<StoredModelView>>("/api/v1/routing/model/history", TestJson.Options, Cancel);
        Assert.Equal((good.Model.Validation.Accuracy, true), (history![0].ValidationAccuracy, history[0].Active));

        var unknown = await host.Client.PostAsync($"/api/v1/routing/model/history/{Guid.NewGuid()}/activate", null, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(good.Model.TrainedAt, (await ModelAsync(host))!.TrainedAt);
    }

    [Fact]
    public async Task Only_the_last_activations_are_kept()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        var classifier = host.GetRequiredService<TicketClassifier>();
        RoutingModel model;
        using (var file = File.OpenRead(Shipped.ModelPath))
        {
            model = RoutingModel.Load(file);
        }
        for (var i = 0; i < TicketClassifier.KeptModels + 2; i++)
        {
            Assert.True((await classifier.OfferAsync(model, force: true, Cancel)).Replaced);
        }
        var count = await host.QueryAsync(db => db.ClassifierModels.CountAsync(Cancel));
        Assert.Equal(TicketClassifier.KeptModels, count);
    }

    [Fact]
    public async Task Any_replica_answers_a_jobs_status_and_a_job_whose_replica_stopped_is_reported_failed()
    {
        await using var first = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);
        using var secondData = new TempDirectory("helpdesk-routing-replica");
        await using var second = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, SharedDatabase(first), secondData.Path);

        using var content = new StringContent(TrainingData.Csv(), System.Text.Encoding.UTF8, "text/csv");
        var response = await first.Client.PostAsync("/api/v1/routing/model/train", content, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        // Polled on the replica that did not receive the upload (as a load balancer may send the client).
        var done = await Training.WaitAsync(second.Client, location);
        Assert.Equal((TrainingJobState.Activated, 1.0), (done.State, done.Progress));
        var onFirst = await first.Client.GetFromJsonAsync<TrainingJobView>(location, TestJson.Options, Cancel);
        Assert.Equal((done.Id, done.State, done.FinishedAt, done.Model!.TrainedAt), (onFirst!.Id, onFirst.State, onFirst.FinishedAt, onFirst.Model!.TrainedAt));

        // A job its replica left running (killed mid-training) and one still queued there: after two minutes without a
        // write from that replica both read as failed on every replica.
        var now = DateTimeOffset.UtcNow;
        var abandoned = new[] { TrainingJobState.Running, TrainingJobState.Queued }.Select(state => StoredTrainingJob.From(
            new TrainingJobView(Guid.CreateVersion7(), "csv", false, state, "fitting: epoch 3/12", 0.4, now.AddMinutes(-10), now.AddMinutes(-9),
                null, null, null, null, null), now - StoredTrainingJob.StaleAfter - TimeSpan.FromSeconds(5))).ToList();
        var recent = StoredTrainingJob.From(abandoned[0].ToView(now) with { Id = Guid.CreateVersion7(), State = TrainingJobState.Running }, now);
        await first.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<RoutingDbContext>();
            db.TrainingJobs.AddRange([.. abandoned, recent]);
            return await db.SaveChangesAsync(Cancel);
        });
        var jobs = await second.Client.GetFromJsonAsync<List<TrainingJobView>>("/api/v1/routing/model/jobs", TestJson.Options, Cancel);
        foreach (var job in abandoned)
        {
            var seen = Assert.Single(jobs!, j => j.Id == job.Id);
            Assert.Equal(TrainingJobState.Failed, seen.State);
            Assert.Contains("stopped before it finished", seen.Error, StringComparison.Ordinal);
        }
        Assert.Equal(TrainingJobState.Running, Assert.Single(jobs!, j => j.Id == recent.Id).State);
        Assert.Contains(jobs!, j => j.Id == done.Id && j.State == TrainingJobState.Activated);
    }

    /// <summary>The first host's routing database for a second host, and a refresh interval a test can wait for.</summary>
    private static Dictionary<string, string?> SharedDatabase(ServiceTestHost host) => new()
    {
        ["ConnectionStrings:" + RoutingExtensions.DatabaseName] = host.GetRequiredService<IConfiguration>().GetConnectionString(RoutingExtensions.DatabaseName)
            ?? ServiceDatabase.SqliteConnectionString(Path.Combine(host.DataDirectory, RoutingExtensions.DatabaseName + ".db")),
        ["Routing:Classifier:RefreshInterval"] = "00:00:00.200",
    };

    private static async Task<ClassifierInfo?> ModelAsync(ServiceTestHost host) =>
        (await host.Client.GetFromJsonAsync<ModelView>("/api/v1/routing/model", TestJson.Options, Cancel))!.Model;
}

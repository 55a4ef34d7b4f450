using System.Net;
using System.Net.Http.Json;
using System.Text;
using HelpDesk.Routing.Api;
using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;
using HelpDesk.Testing;

namespace HelpDesk.Routing.Tests;

public sealed class ModelTrainingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Training_is_a_background_job_and_a_worse_model_replaces_the_current_one_only_when_forced()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service);

        var good = await Training.CsvAsync(host.Client, TrainingData.Csv());
        Assert.Equal((TrainingJobState.Activated, true, "finished", 1.0), (good.State, good.Replaced, good.Stage, good.Progress));
        Assert.NotNull(good.StartedAt);
        var goodAccuracy = good.Model!.Validation!.Accuracy;

        // Labels shuffled at random: the validation figures drop, so the good model stays active.
        var worse = await Training.CsvAsync(host.Client, TrainingData.Csv(shuffleLabels: true));
        Assert.Equal((TrainingJobState.Kept, false), (worse.State, worse.Replaced));
        Assert.True(worse.Model!.Validation!.Accuracy < goodAccuracy, $"{worse.Model.Validation.Accuracy} vs {goodAccuracy}");
        Assert.Contains("force=true", worse.Reason, StringComparison.Ordinal);
        var model = await host.Client.GetFromJsonAsync<ModelView>("/api/v1/routing/model", TestJson.Options, Cancel);
        Assert.Equal(goodAccuracy, model!.Model!.Validation!.Accuracy);

        var forced = await Training.CsvAsync(host.Client, TrainingData.Csv(shuffleLabels: true), force: true);
        Assert.Equal((TrainingJobState.Activated, true), (forced.State, forced.Replaced));
        model = await host.Client.GetFromJsonAsync<ModelView>("/api/v1/routing/model", TestJson.Options, Cancel);
        Assert.Equal(forced.Model!.Validation!.Accuracy, model!.Model!.Validation!.Accuracy);

        var jobs = await host.Client.GetFromJsonAsync<List<TrainingJobView>>("/api/v1/routing/model/jobs", TestJson.Options, Cancel);
        Assert.Equal([forced.Id, worse.Id, good.Id], jobs!.Select(j => j.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/v1/routing/model/jobs/{Guid.NewGuid()}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_trained_model_reports_calibration_and_coverage_at_the_threshold()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?> { ["Routing:ModelConfidenceThreshold"] = "0.7" });
        var job = await Training.CsvAsync(host.Client, TrainingData.Csv());
        var calibration = job.Model!.Calibration!;
        Assert.Equal(0.7, calibration.Threshold);
        Assert.InRange(calibration.Temperature, 0.05, 20);
        Assert.InRange(calibration.ExpectedCalibrationError, 0, 0.25);
        Assert.InRange(calibration.Coverage, 0.5, 1);
        Assert.True(calibration.AccuracyAtThreshold >= job.Model.Validation!.Accuracy, $"{calibration.AccuracyAtThreshold} < {job.Model.Validation.Accuracy}");
        Assert.Equal(27, job.Model.ValidationExamples);
    }

    [Fact]
    public async Task Uploads_are_streamed_to_disk_up_to_the_configured_size_and_bad_headers_are_400()
    {
        await using var host = await ServiceTestHost.StartAsync(RoutingUnderTest.Service, new Dictionary<string, string?> { ["Routing:Training:MaxUploadBytes"] = "1048576" });
        var tooLarge = new StringContent("text,category\n" + new string('x', 2 * 1024 * 1024) + ",Hardware\n", Encoding.UTF8, "text/csv");
        var refused = await host.Client.PostAsync("/api/v1/routing/model/train", tooLarge, Cancel);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);

        var badHeader = await host.Client.PostAsync("/api/v1/routing/model/train", new StringContent("subject,body\na,b\n", Encoding.UTF8, "text/csv"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, badHeader.StatusCode);
        Assert.Contains("label column", await badHeader.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        // Nothing is left behind in the spool directory, and no job was queued.
        var uploads = Path.Combine(host.DataDirectory, "routing", "uploads");
        Assert.Empty(Directory.Exists(uploads) ? Directory.GetFiles(uploads) : []);
        Assert.Empty((await host.Client.GetFromJsonAsync<List<TrainingJobView>>("/api/v1/routing/model/jobs", TestJson.Options, Cancel))!);
    }

    [Fact]
    public void Training_is_deterministic_for_the_same_data_and_settings()
    {
        var tickets = BaseData.ReadCsv(Shipped.TrainCsv).Take(1500).ToList();
        using var vectors = new MiniLmWordVectors(null);
        var trainer = new ModelTrainer(new TicketAnalyzer(Shipped.Lexicon()), vectors);
        var first = Bytes(trainer.Train(tickets, new ClassifierTrainingOptions(), "subset", 0.6, null, Cancel));
        var second = Bytes(trainer.Train(tickets, new ClassifierTrainingOptions(), "subset", 0.6, null, Cancel));
        Assert.True(first.AsSpan().SequenceEqual(second), "two runs produced different models");
    }

    private static byte[] Bytes(RoutingModel model)
    {
        // The description holds the training time; the weights must match bit for bit.
        var fixedInfo = new RoutingModel
        {
            Categories = model.Categories, Features = model.Features, Weights = model.Weights, Bias = model.Bias, WordScores = model.WordScores,
            Temperature = model.Temperature, Info = model.Info with { TrainedAt = default, TrainingSeconds = 0 }, LanguageHeads = model.LanguageHeads,
        };
        using var stream = new MemoryStream();
        fixedInfo.Save(stream);
        return stream.ToArray();
    }
}

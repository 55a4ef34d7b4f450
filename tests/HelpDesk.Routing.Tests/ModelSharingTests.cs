using System.Net.Http.Json;
using HelpDesk.Messaging.Persistence;
using HelpDesk.Routing.Api;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

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

using HelpDesk.Messaging.Persistence;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Routing.Tests;

/// <summary>The classifier while routing's database is away (PostgreSQL restarting, as in the CI fault suite).</summary>
public sealed class ClassifierRefresherTests
{
    [Fact]
    public async Task A_database_outage_neither_stops_the_refresher_nor_breaks_the_classifier()
    {
        using var data = new TempDirectory("helpdesk-routing-outage");
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [PersistenceExtensions.DataDirectoryKey] = data.Path }).Build())
            .Configure<RoutingOptions>(o => (o.Classifier.UseDefaultModel, o.Classifier.RefreshInterval) = (true, TimeSpan.FromMilliseconds(20)))
            .AddSingleton(new TicketAnalyzer(Shipped.Lexicon()))
            .AddSingleton(TimeProvider.System)
            // What EF raises for a transient failure with retries off (Npgsql, EnableRetryOnFailure(0)): not a DbException.
            .AddScoped<RoutingDbContext>(_ => throw new RetryLimitExceededException("The database is restarting.", new TimeoutException()))
            .AddSingleton<TicketClassifier>()
            .AddSingleton<ClassifierRefresher>()
            .BuildServiceProvider();
        var classifier = services.GetRequiredService<TicketClassifier>();
        var refresher = services.GetRequiredService<ClassifierRefresher>();

        await refresher.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        Assert.False(refresher.ExecuteTask!.IsCompleted, $"The refresher ended: {refresher.ExecuteTask.Exception}");

        // The shipped model serves meanwhile, and asking again after the outage does not rethrow a cached failure.
        Assert.NotNull(classifier.Predict("monitor flickers", "the screen goes black"));
        Assert.NotNull(classifier.Current);
        await refresher.StopAsync(TestContext.Current.CancellationToken);
    }
}

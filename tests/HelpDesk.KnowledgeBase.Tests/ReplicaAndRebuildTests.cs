using System.Net;
using HelpDesk.Testing;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>
/// Replicas share the KB database but each keeps its own index. Here each host has its own in-memory bus, so a
/// replica can only learn about articles published elsewhere from the start-up catch-up.
/// </summary>
public sealed class ReplicaAndRebuildTests
{
    [Fact]
    public async Task A_new_replica_and_a_restarted_one_catch_up_from_the_database()
    {
        using var shared = new TempDirectory("kb-shared");
        using var dataA = new TempDirectory("kb-replica-a");
        using var dataB = new TempDirectory("kb-replica-b");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:kbdb"] = $"Data Source={Path.Combine(shared.Path, "kbdb.db")};Pooling=False" };

        var replicaA = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service, settings, dataA.Path);
        var vpn = await replicaA.CreateArticleAsync("VPN split tunnelling", "Split tunnelling sends only company traffic through the VPN.", "en", "network");
        await replicaA.PublishAsync(vpn.Id);
        await replicaA.SearchUntilAsync("/api/v1/kb/search?q=split+tunnelling", r => r.Total == 1);
        await replicaA.DisposeAsync();

        await using var replicaB = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service, settings, dataB.Path);
        var caughtUp = await replicaB.SearchUntilAsync("/api/v1/kb/search?q=split+tunnelling", r => r.Total == 1);
        Assert.Equal(vpn.Id, caughtUp.Hits[0].ArticleId);

        // While A is down, B publishes another article; A catches up from its stored checkpoint when it returns.
        var mfa = await replicaB.CreateArticleAsync("Enrol in multi-factor authentication", "Scan the QR code with the authenticator app.", "en", "account");
        await replicaB.PublishAsync(mfa.Id);
        await using var replicaAAgain = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service, settings, dataA.Path);
        await replicaAAgain.SearchUntilAsync("/api/v1/kb/search?q=authenticator", r => r.Total == 1);
        Assert.Equal(1, (await replicaAAgain.SearchAsync("/api/v1/kb/search?q=split+tunnelling")).Total);

        await Eventually.TrueAsync(async () =>
            (await replicaAAgain.Client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.OK, what: "ready after catch-up");
    }

    [Fact]
    public async Task Two_replicas_on_one_data_directory_each_claim_their_own_index()
    {
        // As `--replicas 2` runs them locally (or pods on one shared volume): one data directory for both processes.
        using var shared = new TempDirectory("kb-shared");
        using var data = new TempDirectory("kb-one-volume");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:kbdb"] = $"Data Source={Path.Combine(shared.Path, "kbdb.db")};Pooling=False" };

        await using var replicaA = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service, settings, data.Path);
        var vpn = await replicaA.CreateArticleAsync("VPN split tunnelling", "Split tunnelling sends only company traffic through the VPN.", "en", "network");
        await replicaA.PublishAsync(vpn.Id);
        await replicaA.SearchUntilAsync("/api/v1/kb/search?q=split+tunnelling", r => r.Total == 1);

        // B starts while A holds kb-index: it takes kb-index-2 and fills it from the database.
        await using var replicaB = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service, settings, data.Path);
        var caughtUp = await replicaB.SearchUntilAsync("/api/v1/kb/search?q=split+tunnelling", r => r.Total == 1);
        Assert.Equal(vpn.Id, caughtUp.Hits[0].ArticleId);
        Assert.True(File.Exists(Path.Combine(data.Path, "kb-index", "current")), "replica A's index");
        Assert.True(File.Exists(Path.Combine(data.Path, "kb-index-2", "current")), "replica B's index, beside A's");

        // Two indexes, one per process, both serving: A's is untouched by B's catch-up.
        var statuses = new List<IndexStatusView>();
        foreach (var replica in new[] { replicaA, replicaB })
        {
            Assert.Equal(HttpStatusCode.OK, (await replica.Client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(1, (await replica.SearchAsync("/api/v1/kb/search?q=split+tunnelling")).Total);
            statuses.Add(await (await replica.SendAsync(HttpMethod.Get, "/api/v1/kb/admin/index", KnowledgeBaseUnderTest.Agent)).ReadAsync<IndexStatusView>());
        }
        Assert.All(statuses, s => Assert.Equal(1, s.Index.Documents));
        Assert.NotEqual(statuses[0].Index.Generation, statuses[1].Index.Generation);
    }

    [Fact]
    public async Task Admin_reindex_rebuilds_into_a_new_generation()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        var article = await host.CreateArticleAsync("Install Teams", "Download Teams from the company portal.", "en", "software");
        await host.PublishAsync(article.Id);
        await host.SearchUntilAsync("/api/v1/kb/search?q=teams", r => r.Total == 1);
        var before = await (await host.SendAsync(HttpMethod.Get, "/api/v1/kb/admin/index", KnowledgeBaseUnderTest.Agent)).ReadAsync<IndexStatusView>();

        var accepted = await host.SendAsync(HttpMethod.Post, "/api/v1/kb/admin/reindex", KnowledgeBaseUnderTest.Admin);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var after = await Eventually.GetAsync(async () =>
            await (await host.SendAsync(HttpMethod.Get, "/api/v1/kb/admin/index", KnowledgeBaseUnderTest.Agent)).ReadAsync<IndexStatusView>() is { LastRebuildCompletedAt: not null } s ? s : null);

        Assert.NotEqual(before.Index.Generation, after.Index.Generation);
        Assert.Equal(1, after.Index.Documents);
        Assert.True(after.CaughtUp);
        Assert.Null(after.LastRebuildError);
        Assert.Equal(article.Id, (await host.SearchAsync("/api/v1/kb/search?q=teams")).Hits.Single().ArticleId);
    }
}

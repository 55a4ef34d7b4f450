using System.Runtime.CompilerServices;
using HelpDesk.Testing;
using static HelpDesk.KnowledgeBase.Tests.SampleArticles;

namespace HelpDesk.KnowledgeBase.Tests;

public sealed class IndexLifecycleTests
{
    [Fact]
    public async Task Rebuild_swaps_in_a_new_index_while_searches_keep_answering()
    {
        var ct = TestContext.Current.CancellationToken;
        var old = Enumerable.Range(0, 300).Select(i => Make(Guid.NewGuid(), $"Old router {i}", "Restart the router.", "en", "network", [])).ToList();
        using var index = await IndexAsync(old);
        var generationBefore = (await index.Backend.GetStatusAsync(ct)).Generation;

        var fresh = Enumerable.Range(0, 500).Select(i => Make(Guid.NewGuid(), $"Router {i}", "Restart the router and wait.", "en", "network", [])).ToList();
        var addedDuringRebuild = Make(Guid.NewGuid(), "Firewall rule request", "Ask the network team for a firewall rule.", "en", "network", []);
        var batchesRead = 0;
        // The rebuild waits mid-way until the test has searched and applied a live change: no race with a busy machine.
        var midwayDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async IAsyncEnumerable<IReadOnlyCollection<IndexedArticle>> SlowSource([EnumeratorCancellation] CancellationToken token = default)
        {
            var read = 0;
            foreach (var chunk in fresh.Chunk(50))
            {
                if (read++ == 2)
                {
                    await midwayDone.Task.WaitAsync(token);
                }
                await Task.Delay(20, token);
                Interlocked.Increment(ref batchesRead);
                yield return chunk;
            }
        }

        var rebuild = index.Backend.RebuildAsync(SlowSource(ct), ct);
        var answered = 0;
        var appliedDuringRebuild = false;
        while (!rebuild.IsCompleted)
        {
            var results = await index.SearchAsync("router");
            Assert.True(results.Total >= 300, $"search answered {results.Total} hits during the rebuild");
            answered++;
            if (!appliedDuringRebuild && Volatile.Read(ref batchesRead) >= 2 && answered >= 3)
            {
                Assert.True((await index.Backend.GetStatusAsync(ct)).Rebuilding);
                await index.Backend.ApplyAsync([addedDuringRebuild], ct);
                appliedDuringRebuild = true;
                midwayDone.SetResult();
            }
            await Task.Delay(5, ct);
        }
        await rebuild;

        Assert.True(answered >= 3);
        Assert.True(appliedDuringRebuild);
        var after = await index.SearchAsync("router", pageSize: 1);
        Assert.Equal(500, after.Total);
        Assert.Equal(addedDuringRebuild.ArticleId, (await index.SearchAsync("firewall")).Hits.Single().ArticleId);
        var status = await index.Backend.GetStatusAsync(ct);
        Assert.NotEqual(generationBefore, status.Generation);
        Assert.False(status.Rebuilding);
        Assert.Equal(501, status.Documents);
        Assert.False(Directory.Exists(Path.Combine(index.Directory.Path, generationBefore)));
    }

    [Fact]
    public async Task A_failed_rebuild_leaves_the_current_index_in_use()
    {
        var ct = TestContext.Current.CancellationToken;
        using var index = await IndexAsync();

        static async IAsyncEnumerable<IReadOnlyCollection<IndexedArticle>> Failing()
        {
            await Task.Yield();
            yield return [Make(Guid.NewGuid(), "Half", "Half built.", "en", "misc", [])];
            throw new IOException("database went away");
        }

        await Assert.ThrowsAsync<IOException>(() => index.Backend.RebuildAsync(Failing(), ct));
        Assert.Equal(ResetPasswordEn, (await index.SearchAsync("password", "en")).Hits[0].ArticleId);
        Assert.Empty((await index.SearchAsync("half built")).Hits);
        Assert.Single(Directory.GetDirectories(index.Directory.Path));
    }

    [Fact]
    public async Task Index_and_checkpoint_survive_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TempDirectory("kb-index");
        var changedAt = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        using (var first = LuceneIndexFixture.Open(directory, ownsDirectory: false))
        {
            Assert.Null(await first.Backend.GetCheckpointAsync(ct));
            await first.Backend.ApplyAsync([Make(VpnEn, "VPN", "Gateway settings.", "en", "network", []) with { ChangedAt = changedAt }], ct);
        }
        using var second = LuceneIndexFixture.Open(directory, ownsDirectory: false);
        Assert.Equal(changedAt, await second.Backend.GetCheckpointAsync(ct));
        Assert.Equal(VpnEn, (await second.SearchAsync("gateway")).Hits.Single().ArticleId);
        // Revisions are reloaded too: an older state is still refused after the restart.
        await second.Backend.ApplyAsync([Make(VpnEn, "VPN old", "Old text.", "en", "network", [], revision: 0)], ct);
        Assert.Equal("VPN", (await second.SearchAsync("gateway")).Hits.Single().Title);
    }
}

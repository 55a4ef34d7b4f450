using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static HelpDesk.KnowledgeBase.Tests.SampleArticles;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>The Elasticsearch backend against a real cluster; runs only when ELASTICSEARCH_URL is set.</summary>
public sealed class ElasticsearchLiveTests
{
    [Fact]
    public async Task Indexes_searches_suggests_and_rebuilds_on_a_real_cluster()
    {
        var url = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            Assert.Skip("ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against (what the client sends is covered by ElasticsearchClientTests).");
        }
        var ct = TestContext.Current.CancellationToken;
        var alias = $"helpdesk-kb-test-{Guid.NewGuid():N}";
        var options = new KnowledgeBaseOptions { ElasticsearchUrl = new Uri(url), ElasticsearchIndex = alias, ElasticsearchApiKey = Environment.GetEnvironmentVariable("ELASTICSEARCH_API_KEY") };
        var client = ElasticsearchClientFactory.Create(options);
        using var backend = new ElasticsearchSearchBackend(client, new QueryPlanner(KbAnalysis.Shared, new SynonymCatalog(KbAnalysis.Shared)),
            Options.Create(options), TimeProvider.System, NullLogger<ElasticsearchSearchBackend>.Instance);
        try
        {
            await backend.InitializeAsync(ct);
            await backend.ApplyAsync(All(), ct);

            Assert.Equal(ResetPasswordEn, (await backend.SearchAsync(new SearchQuery("pasword", "en"), ct)).Hits[0].ArticleId);
            Assert.Equal(WifiFr, (await backend.SearchAsync(new SearchQuery("probleme reseau"), ct)).Hits[0].ArticleId);
            Assert.Equal(WifiFr, (await backend.SearchAsync(new SearchQuery("wifi carte reseau"), ct)).Hits[0].ArticleId);
            Assert.Equal(PrinterEn, (await backend.SearchAsync(new SearchQuery("\"front tray\""), ct)).Hits.Single().ArticleId);
            var relaxed = await backend.SearchAsync(new SearchQuery("forgot my password gateway"), ct);
            Assert.True(relaxed.Relaxed);
            var facets = await backend.SearchAsync(new SearchQuery("password"), ct);
            Assert.Contains(new FacetValue("account", (int)facets.Total), facets.Facets.Categories);
            Assert.Contains("<mark>", facets.Hits[0].Snippet, StringComparison.Ordinal);
            Assert.Empty((await backend.SearchAsync(new SearchQuery("server room"), ct)).Hits);
            Assert.Single((await backend.SearchAsync(new SearchQuery("server room", IncludeInternal: true), ct)).Hits);
            Assert.Contains(await backend.TypeaheadAsync("how to res", null, false, 5, ct), s => s.ArticleId == ResetPasswordEn);

            static async IAsyncEnumerable<IReadOnlyCollection<IndexedArticle>> Source()
            {
                await Task.Yield();
                yield return All().Take(3).ToList();
            }
            await backend.RebuildAsync(Source(), ct);
            Assert.Equal(3, (await backend.GetStatusAsync(ct)).Documents);
        }
        finally
        {
            await client.Indices.DeleteAsync($"{alias}-*", CancellationToken.None);
        }
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using static HelpDesk.KnowledgeBase.Tests.SampleArticles;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>
/// The Elasticsearch backend on the official client, checked by what the client really sends through its transport
/// (<see cref="FakeElasticsearch"/>) against expected JSON, and by how it reads recorded responses.
/// <see cref="ElasticsearchLiveTests"/> runs the same backend against a real cluster when ELASTICSEARCH_URL is set.
/// </summary>
public sealed class ElasticsearchClientTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Initialising_creates_the_index_with_mirrored_analyzers_behind_the_alias()
    {
        var es = new FakeElasticsearch()
            .On("HEAD /_alias/helpdesk-kb", "", HttpStatusCode.NotFound)
            .On("PUT /helpdesk-kb-20260302120000000", FakeElasticsearch.Recorded("create-index-response.json"))
            .On("POST /_aliases", FakeElasticsearch.Recorded("acknowledged.json"));
        using var backend = es.Backend(time: new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero)));

        await backend.InitializeAsync(None);

        var create = es.Single("PUT /helpdesk-kb-20260302120000000");
        ExpectedJson.Matches("create-index", create.Body);
        var analysis = JsonNode.Parse(create.Body)!["settings"]!["analysis"]!;
        Assert.Equal(["kb_fr_elision", "kb_words_query", "lowercase", "kb_fr_stop", "asciifolding", "kb_fr_stem"],
            analysis["analyzer"]!["kb_fr_search"]!["filter"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.False(analysis["filter"]!["kb_words_query"]!["split_on_case_change"]!.GetValue<bool>());
        ExpectedJson.Matches("add-alias", es.Single("POST /_aliases").Body);
    }

    [Fact]
    public async Task Bulk_indexing_versions_documents_by_revision_and_ignores_older_ones()
    {
        var es = new FakeElasticsearch()
            .On("POST /helpdesk-kb/_bulk", FakeElasticsearch.Recorded("bulk-response-conflict.json"))
            .On("GET /helpdesk-kb/_mapping", FakeElasticsearch.Recorded("mapping-response.json"))
            .On("PUT /helpdesk-kb/_mapping", FakeElasticsearch.Recorded("acknowledged.json"));
        using var backend = es.Backend();
        var changed = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

        await backend.ApplyAsync([All()[0] with { ChangedAt = changed }, IndexedArticle.Tombstone(VpnEn, 2, 1, changed)], None);

        var bulk = es.Single("POST /helpdesk-kb/_bulk");
        Assert.Equal("application/x-ndjson", bulk.ContentType);
        Assert.Contains("refresh=wait_for", bulk.Query, StringComparison.Ordinal);
        var lines = bulk.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        ExpectedJson.Matches("bulk-index-action", lines[0]);
        ExpectedJson.Matches("bulk-document", lines[1]);
        ExpectedJson.Matches("bulk-tombstone", lines[3]);
        ExpectedJson.Matches("put-checkpoint", es.Single("PUT /helpdesk-kb/_mapping").Body);
    }

    [Fact]
    public async Task Rejected_documents_fail_the_batch_so_the_message_is_retried()
    {
        var es = new FakeElasticsearch().On("POST /helpdesk-kb/_bulk", FakeElasticsearch.Recorded("bulk-response-rejected.json"));
        using var backend = es.Backend();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => backend.ApplyAsync([All()[0]], None));
        Assert.Contains("strict_dynamic_mapping_exception", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_that_finds_enough_is_one_request_with_filters_facets_and_highlighting()
    {
        var es = new FakeElasticsearch().On("POST /helpdesk-kb/_search", FakeElasticsearch.Recorded("search-response.json"));
        using var backend = es.Backend(new KnowledgeBaseOptions { FewResults = 2 });

        var results = await backend.SearchAsync(new SearchQuery("Wi-Fi \"carte réseau\" 0x80070005", "fr", "network", "wifi", Page: 3, PageSize: 5), None);

        var search = es.Single("POST /helpdesk-kb/_search");
        ExpectedJson.Matches("search-strict", search.Body);
        var body = JsonNode.Parse(search.Body)!;
        Assert.Equal(10, body["from"]!.GetValue<int>());
        // The terms are those the shared planner computes (word delimiters, elision, stemming), as Lucene queries them.
        Assert.Contains("\"wifi\"", search.Body, StringComparison.Ordinal);
        Assert.Contains("\"0x80070005\"", search.Body, StringComparison.Ordinal);
        Assert.Equal(2, results.Total);
        Assert.False(results.Relaxed);
    }

    [Fact]
    public async Task Thin_results_try_typos_then_any_word_with_strict_hits_first()
    {
        var es = new FakeElasticsearch()
            .On("POST /helpdesk-kb/_search", FakeElasticsearch.Recorded("search-response-empty.json"))
            .On("POST /helpdesk-kb/_search", FakeElasticsearch.Recorded("search-response-typos.json"))
            .On("POST /helpdesk-kb/_search", FakeElasticsearch.Recorded("search-response-relaxed.json"));
        using var backend = es.Backend();

        var results = await backend.SearchAsync(new SearchQuery("forgot pasword", "en"), None);

        var passes = es.All("POST /helpdesk-kb/_search");
        Assert.Equal(3, passes.Count);
        ExpectedJson.Matches("search-typos", passes[1].Body);
        ExpectedJson.Matches("search-relaxed", passes[2].Body);
        Assert.True(results.Relaxed);
        Assert.True(results.TypoTolerant);
        Assert.Equal("forgot password", results.DidYouMean);
        // The strict hit leads, with its own score (the ranking bonus taken off again).
        Assert.Equal(ResetPasswordEn, results.Hits[0].ArticleId);
        Assert.InRange(results.Hits[0].Score, 3, 4);
        Assert.Equal(3, results.Total);
    }

    [Fact]
    public async Task Responses_become_hits_with_escaped_snippets_and_facets()
    {
        var es = new FakeElasticsearch().On("POST /helpdesk-kb/_search", FakeElasticsearch.Recorded("search-response.json"));
        using var backend = es.Backend(new KnowledgeBaseOptions { FewResults = 2 });

        var results = await backend.SearchAsync(new SearchQuery("password"), None);

        var first = results.Hits[0];
        Assert.Equal(ResetPasswordEn, first.ArticleId);
        Assert.Equal(2, first.Version);
        Assert.Equal(["password", "self-service"], first.Tags);
        Assert.Contains("your <mark>password</mark>,", first.Snippet, StringComparison.Ordinal);
        // Elasticsearch's html encoder would turn "é" into "&#233;": the text is escaped here instead.
        Assert.Equal("Ouvrez le portail &lt;libre-service&gt; &amp; choisissez <mark>Réinitialiser</mark>.", results.Hits[1].Snippet);
        Assert.Equal(ArticleVisibility.Internal, results.Hits[1].Visibility);
        Assert.Equal([new FacetValue("account", 2)], results.Facets.Categories);
        Assert.Contains(new FacetValue("password", 2), results.Facets.Tags);
    }

    [Fact]
    public async Task Typeahead_uses_search_as_you_type()
    {
        var es = new FakeElasticsearch().On("POST /helpdesk-kb/_search", FakeElasticsearch.Recorded("typeahead-response.json"));
        using var backend = es.Backend();

        var suggestions = await backend.TypeaheadAsync("how to res", "en", includeInternal: false, limit: 5, None);

        ExpectedJson.Matches("typeahead", es.Single("POST /helpdesk-kb/_search").Body);
        Assert.Equal(ResetPasswordEn, suggestions.Single().ArticleId);
    }

    [Fact]
    public async Task Rebuild_fills_a_new_index_then_swaps_the_alias_atomically_and_drops_the_old_one()
    {
        var es = new FakeElasticsearch()
            .On("PUT /helpdesk-kb-20260302120000000", FakeElasticsearch.Recorded("create-index-response.json"))
            .On("POST /helpdesk-kb-20260302120000000/_bulk", FakeElasticsearch.Recorded("bulk-response-conflict.json"))
            .On("POST /helpdesk-kb-20260302120000000/_refresh", FakeElasticsearch.Recorded("refresh-response.json"))
            .On("GET /helpdesk-kb/_mapping", FakeElasticsearch.Recorded("mapping-response.json"))
            .On("PUT /helpdesk-kb-20260302120000000/_mapping", FakeElasticsearch.Recorded("acknowledged.json"))
            .On("GET /_alias/helpdesk-kb", FakeElasticsearch.Recorded("alias-response.json"))
            .On("POST /_aliases", FakeElasticsearch.Recorded("acknowledged.json"))
            .On("DELETE /helpdesk-kb-20260301100000000", FakeElasticsearch.Recorded("acknowledged.json"));
        using var backend = es.Backend(time: new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero)));

        static async IAsyncEnumerable<IReadOnlyCollection<IndexedArticle>> Source()
        {
            await Task.Yield();
            yield return All().Take(2).ToList();
        }
        await backend.RebuildAsync(Source(), None);

        var keys = es.Requests.Select(r => r.Key).ToList();
        Assert.True(keys.IndexOf("PUT /helpdesk-kb-20260302120000000") < keys.IndexOf("POST /helpdesk-kb-20260302120000000/_bulk"));
        Assert.True(keys.IndexOf("POST /helpdesk-kb-20260302120000000/_refresh") < keys.IndexOf("POST /_aliases"));
        Assert.True(keys.IndexOf("POST /_aliases") < keys.IndexOf("DELETE /helpdesk-kb-20260301100000000"));
        ExpectedJson.Matches("swap-alias", es.Single("POST /_aliases").Body);
    }

    [Fact]
    public async Task Synonyms_reach_Elasticsearch_as_alternatives_without_reindexing()
    {
        var synonyms = new SynonymCatalog(KbAnalysis.Shared);
        synonyms.Replace([("fr", ["pc portable", "ordinateur portable"])]);
        var es = new FakeElasticsearch().On("POST /helpdesk-kb/_search", FakeElasticsearch.Recorded("search-response.json"));
        using var backend = es.Backend(new KnowledgeBaseOptions { FewResults = 2 }, synonyms: synonyms);

        await backend.SearchAsync(new SearchQuery("pc portable", "fr"), None);

        ExpectedJson.Matches("search-synonyms", es.Single("POST /helpdesk-kb/_search").Body);
        Assert.Contains("span_near", es.Single("POST /helpdesk-kb/_search").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_key_is_sent_as_such()
    {
        var es = new FakeElasticsearch().On("POST /helpdesk-kb/_count", FakeElasticsearch.Recorded("count-response.json"))
            .On("GET /_alias/helpdesk-kb", FakeElasticsearch.Recorded("alias-response.json"))
            .On("GET /helpdesk-kb/_mapping", FakeElasticsearch.Recorded("mapping-response.json"));
        using var backend = es.Backend(new KnowledgeBaseOptions { ElasticsearchApiKey = "aWQ6a2V5" });
        await backend.GetStatusAsync(None);
        Assert.Equal("ApiKey aWQ6a2V5", es.Single("POST /helpdesk-kb/_count").Authorization);
    }

    [Fact]
    public async Task Credentials_come_from_the_url_or_an_api_key()
    {
        var es = new FakeElasticsearch().On("POST /helpdesk-kb/_count", FakeElasticsearch.Recorded("count-response.json"))
            .On("GET /_alias/helpdesk-kb", FakeElasticsearch.Recorded("alias-response.json"))
            .On("GET /helpdesk-kb/_mapping", FakeElasticsearch.Recorded("mapping-response.json"));
        using var backend = es.Backend(new KnowledgeBaseOptions { ElasticsearchUrl = new Uri("https://kb:s%3Acret@es.example.com:9200") });

        var status = await backend.GetStatusAsync(None);

        Assert.Equal($"Basic {Convert.ToBase64String("kb:s:cret"u8)}", es.Single("POST /helpdesk-kb/_count").Authorization);
        Assert.Equal(2, status.Documents);
        Assert.Equal("helpdesk-kb-20260301100000000", status.Generation);
        Assert.Equal(new DateTimeOffset(639079560000000000, TimeSpan.Zero), status.Checkpoint);
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HelpDesk.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static HelpDesk.KnowledgeBase.Tests.SampleArticles;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>
/// Elasticsearch cannot run on this machine (no container runtime, no package), so the request/response mapping is
/// checked against recorded payloads shaped like Elasticsearch's documented examples (Recorded/Elasticsearch/*.json),
/// served by a recording HTTP handler. <see cref="ElasticsearchLiveTests"/> runs the same backend against a real
/// cluster when ELASTICSEARCH_URL is set.
/// </summary>
public sealed class ElasticsearchMappingTests
{
    private static string Recorded(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", "Elasticsearch", name));

    [Fact]
    public void Search_request_uses_phrases_fuzziness_filters_aggregations_and_highlight()
    {
        var body = ElasticsearchRequests.Search(new SearchQuery("\"carte réseau\" redemarrer wifi", "fr", "network", "wifi", IncludeInternal: false, Page: 3, PageSize: 5));

        Assert.Equal(10, body["from"]!.GetValue<int>());
        Assert.Equal(5, body["size"]!.GetValue<int>());
        var boolQuery = body["query"]!["bool"]!;
        var phrase = boolQuery["must"]![0]!["multi_match"]!;
        Assert.Equal("phrase", phrase["type"]!.GetValue<string>());
        Assert.Equal("carte réseau", phrase["query"]!.GetValue<string>());
        Assert.Equal(["title_fr^2", "body_fr"], phrase["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        var should = boolQuery["should"]!.AsArray();
        Assert.Equal("redemarrer wifi", should[0]!["multi_match"]!["query"]!.GetValue<string>());
        Assert.Equal("2<75%", should[0]!["multi_match"]!["minimum_should_match"]!.GetValue<string>());
        Assert.Equal("AUTO", should[1]!["multi_match"]!["fuzziness"]!.GetValue<string>());
        Assert.Equal(1, boolQuery["minimum_should_match"]!.GetValue<int>());
        var filters = boolQuery["filter"]!.AsArray().Select(f => f!.ToJsonString()).ToList();
        Assert.Equal(
            ["{\"term\":{\"state\":\"live\"}}", "{\"term\":{\"visibility\":\"published\"}}", "{\"term\":{\"language\":\"fr\"}}", "{\"term\":{\"category\":\"network\"}}", "{\"term\":{\"tags\":\"wifi\"}}"],
            filters);
        Assert.Equal("tags", body["aggs"]!["tags"]!["terms"]!["field"]!.GetValue<string>());
        Assert.Equal("<mark>", body["highlight"]!["pre_tags"]![0]!.GetValue<string>());
        Assert.Equal("html", body["highlight"]!["encoder"]!.GetValue<string>());
        Assert.NotNull(body["highlight"]!["fields"]!["body_fr"]);
        Assert.Null(body["highlight"]!["fields"]!["body_en"]);

        var agents = ElasticsearchRequests.Search(new SearchQuery("vpn", IncludeInternal: true, Mode: MatchMode.Any));
        Assert.Equal("{\"terms\":{\"visibility\":[\"published\",\"internal\"]}}", agents["query"]!["bool"]!["filter"]![1]!.ToJsonString());
        Assert.Equal(6, agents["query"]!["bool"]!["should"]![0]!["multi_match"]!["fields"]!.AsArray().Count);
        Assert.Equal("1", agents["query"]!["bool"]!["should"]![0]!["multi_match"]!["minimum_should_match"]!.GetValue<string>());
    }

    [Fact]
    public void Search_response_maps_hits_snippets_and_facets()
    {
        var query = new SearchQuery("password", PageSize: 10);
        var results = ElasticsearchRequests.ParseSearch(JsonNode.Parse(Recorded("search-response.json"))!, query);

        Assert.Equal(2, results.Total);
        var first = results.Hits[0];
        Assert.Equal(ResetPasswordEn, first.ArticleId);
        Assert.Equal(2, first.Version);
        Assert.Equal("How to reset your password", first.Title);
        Assert.Equal(3.4521, first.Score, 4);
        Assert.Equal(["password", "self-service"], first.Tags);
        Assert.Contains("your <mark>password</mark>,", first.Snippet, StringComparison.Ordinal);
        // No highlight returned: the start of the body, escaped.
        Assert.Equal("Ouvrez le portail &lt;libre-service&gt; &amp; choisissez Réinitialiser.", results.Hits[1].Snippet);
        Assert.Equal(ArticleVisibility.Internal, results.Hits[1].Visibility);
        Assert.Equal([new FacetValue("account", 2)], results.Facets.Categories);
        Assert.Equal([new FacetValue("password", 2), new FacetValue("self-service", 1)], results.Facets.Tags);
        Assert.Equal([new FacetValue("en", 1), new FacetValue("fr", 1)], results.Facets.Languages);
    }

    [Fact]
    public void Bulk_body_versions_by_revision_and_tombstones_carry_no_text()
    {
        var ndjson = ElasticsearchRequests.Bulk([All()[0] with { Revision = 7 }, IndexedArticle.Tombstone(VpnEn, 9, 2, DateTimeOffset.UtcNow)]);
        var lines = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal(ResetPasswordEn.ToString(), lines[0]["index"]!["_id"]!.GetValue<string>());
        Assert.Equal(7, lines[0]["index"]!["version"]!.GetValue<long>());
        Assert.Equal("external", lines[0]["index"]!["version_type"]!.GetValue<string>());
        Assert.Equal("live", lines[1]["state"]!.GetValue<string>());
        Assert.NotNull(lines[1]["body_en"]);
        Assert.Null(lines[1]["body_fr"]);
        Assert.Equal("gone", lines[3]["state"]!.GetValue<string>());
        Assert.Null(lines[3]["title"]);
        Assert.EndsWith("\n", ndjson, StringComparison.Ordinal);
    }

    [Fact]
    public void Bulk_conflicts_are_harmless_other_rejections_are_failures()
    {
        Assert.Empty(ElasticsearchRequests.BulkFailures(JsonNode.Parse(Recorded("bulk-response-conflict.json"))!));
        var failures = ElasticsearchRequests.BulkFailures(JsonNode.Parse(Recorded("bulk-response-rejected.json"))!);
        Assert.Contains("strict_dynamic_mapping_exception", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Index_definition_declares_language_analyzers_and_strict_mapping()
    {
        var definition = ElasticsearchRequests.IndexDefinition();
        var analyzers = definition["settings"]!["analysis"]!["analyzer"]!;
        Assert.Contains("asciifolding", analyzers["kb_fr"]!["filter"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("light_italian", definition["settings"]!["analysis"]!["filter"]!["kb_it_stem"]!["language"]!.GetValue<string>());
        Assert.Equal("strict", definition["mappings"]!["dynamic"]!.GetValue<string>());
        Assert.Equal("kb_it", definition["mappings"]!["properties"]!["body_it"]!["analyzer"]!.GetValue<string>());
        Assert.Equal("search_as_you_type", definition["mappings"]!["properties"]!["title_ac"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Backend_talks_to_the_documented_endpoints()
    {
        var ct = TestContext.Current.CancellationToken;
        var handler = new RecordedElasticsearch(new()
        {
            ["GET /_alias/helpdesk-kb"] = (HttpStatusCode.OK, Recorded("alias-response.json")),
            ["POST /helpdesk-kb/_search"] = (HttpStatusCode.OK, Recorded("search-response.json")),
            ["POST /helpdesk-kb/_bulk"] = (HttpStatusCode.OK, Recorded("bulk-response-conflict.json")),
            ["POST /helpdesk-kb-20260302120000000/_bulk"] = (HttpStatusCode.OK, Recorded("bulk-response-conflict.json")),
            ["GET /helpdesk-kb/_mapping"] = (HttpStatusCode.OK, Recorded("mapping-response.json")),
            ["PUT /helpdesk-kb-20260302120000000/_mapping"] = (HttpStatusCode.OK, Recorded("acknowledged.json")),
            ["PUT /helpdesk-kb-20260302120000000"] = (HttpStatusCode.OK, Recorded("create-index-response.json")),
            ["POST /helpdesk-kb-20260302120000000/_refresh"] = (HttpStatusCode.OK, Recorded("refresh-response.json")),
            ["POST /_aliases"] = (HttpStatusCode.OK, Recorded("acknowledged.json")),
            ["DELETE /helpdesk-kb-20260301100000000"] = (HttpStatusCode.OK, Recorded("acknowledged.json")),
            ["POST /helpdesk-kb/_count"] = (HttpStatusCode.OK, Recorded("count-response.json")),
        });
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://elasticsearch.test:9200") };
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        using var backend = new ElasticsearchSearchBackend(http, Options.Create(new KnowledgeBaseOptions()), clock, NullLogger<ElasticsearchSearchBackend>.Instance);

        await backend.InitializeAsync(ct);
        var results = await backend.SearchAsync(new SearchQuery("password"), ct);
        Assert.Equal(2, results.Total);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), await backend.GetCheckpointAsync(ct));

        // Checkpoint already newer than this change: only the bulk request goes out.
        await backend.ApplyAsync([All()[0] with { ChangedAt = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero) }], ct);
        var bulk = handler.Requests.Single(r => r.Key == "POST /helpdesk-kb/_bulk");
        Assert.Equal("application/x-ndjson", bulk.ContentType);
        Assert.DoesNotContain(handler.Requests, r => r.Key.StartsWith("PUT /helpdesk-kb/_mapping", StringComparison.Ordinal));

        static async IAsyncEnumerable<IReadOnlyCollection<IndexedArticle>> Source()
        {
            await Task.Yield();
            yield return All();
        }
        await backend.RebuildAsync(Source(), ct);
        var keys = handler.Requests.Select(r => r.Key).ToList();
        var create = keys.IndexOf("PUT /helpdesk-kb-20260302120000000");
        var swap = keys.IndexOf("POST /_aliases");
        Assert.True(create >= 0 && create < keys.IndexOf("POST /helpdesk-kb-20260302120000000/_bulk"));
        Assert.True(keys.IndexOf("POST /helpdesk-kb-20260302120000000/_refresh") < swap);
        Assert.True(swap < keys.IndexOf("DELETE /helpdesk-kb-20260301100000000"));
        var aliasActions = JsonNode.Parse(handler.Requests.Single(r => r.Key == "POST /_aliases").Body)!["actions"]!.AsArray();
        Assert.Equal("{\"remove\":{\"index\":\"helpdesk-kb-20260301100000000\",\"alias\":\"helpdesk-kb\"}}", aliasActions[0]!.ToJsonString());
        Assert.Equal("{\"add\":{\"index\":\"helpdesk-kb-20260302120000000\",\"alias\":\"helpdesk-kb\"}}", aliasActions[1]!.ToJsonString());
        Assert.Contains("\"kb_fr\"", handler.Requests.Single(r => r.Key == "PUT /helpdesk-kb-20260302120000000").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_documents_fail_the_batch_so_the_message_is_retried()
    {
        var handler = new RecordedElasticsearch(new()
        {
            ["POST /helpdesk-kb/_bulk"] = (HttpStatusCode.OK, Recorded("bulk-response-rejected.json")),
        });
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://elasticsearch.test:9200") };
        using var backend = new ElasticsearchSearchBackend(http, Options.Create(new KnowledgeBaseOptions()), TimeProvider.System, NullLogger<ElasticsearchSearchBackend>.Instance);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => backend.ApplyAsync([All()[0]], TestContext.Current.CancellationToken));
        Assert.Contains("strict_dynamic_mapping_exception", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Replays recorded responses by "METHOD /path" and remembers every request.</summary>
    private sealed class RecordedElasticsearch(Dictionary<string, (HttpStatusCode Status, string Body)> responses) : HttpMessageHandler
    {
        public List<(string Key, string Body, string? ContentType)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var key = $"{request.Method} {request.RequestUri!.AbsolutePath}";
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((key, body, request.Content?.Headers.ContentType?.MediaType));
            return responses.TryGetValue(key, out var recorded)
                ? new HttpResponseMessage(recorded.Status) { Content = new StringContent(recorded.Body, Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent($"{{\"error\":\"no recording for {key}\",\"status\":404}}") };
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Elasticsearch;

/// <summary>
/// Search on an existing Elasticsearch cluster over its REST API (the official .NET client is not obtainable
/// here). Searches go to an alias; a rebuild fills a new concrete index and swaps the alias atomically.
/// The index checkpoint lives in the index mapping's <c>_meta</c>.
/// </summary>
public sealed class ElasticsearchSearchBackend(HttpClient http, IOptions<KnowledgeBaseOptions> options, TimeProvider time, ILogger<ElasticsearchSearchBackend> logger) : ISearchBackend, IDisposable
{
    private readonly string _alias = options.Value.ElasticsearchIndex;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _building;

    public string Name => "elasticsearch";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/_alias/{_alias}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            var index = await CreateIndexAsync(cancellationToken);
            await SendAsync(HttpMethod.Post, "/_aliases", ElasticsearchRequests.SwapAlias(_alias, null, index), cancellationToken);
            logger.LogInformation("Created Elasticsearch index {Index} behind alias {Alias}", index, _alias);
            return;
        }
        response.EnsureSuccessStatusCode();
    }

    public async Task ApplyAsync(IReadOnlyCollection<IndexedArticle> articles, CancellationToken cancellationToken)
    {
        if (articles.Count == 0)
        {
            return;
        }
        await BulkAsync(_alias, articles, cancellationToken);
        var building = _building;
        if (building is not null)
        {
            await BulkAsync(building, articles, cancellationToken);
        }
        await AdvanceCheckpointAsync(_alias, articles.Max(a => a.ChangedAt), cancellationToken);
    }

    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        if (QueryText.Parse(query.Text).IsEmpty)
        {
            return SearchResults.Empty(query);
        }
        var response = await SendAsync(HttpMethod.Post, $"/{_alias}/_search", ElasticsearchRequests.Search(query), cancellationToken);
        return ElasticsearchRequests.ParseSearch(response, query);
    }

    public async Task<IReadOnlyList<TypeaheadSuggestion>> TypeaheadAsync(string prefix, string? language, bool includeInternal, int limit, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Post, $"/{_alias}/_search", ElasticsearchRequests.Typeahead(prefix, language, includeInternal, limit), cancellationToken);
        return ElasticsearchRequests.ParseTypeahead(response);
    }

    public async Task RebuildAsync(IAsyncEnumerable<IReadOnlyCollection<IndexedArticle>> source, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var index = await CreateIndexAsync(cancellationToken);
            _building = index;
            var newest = DateTimeOffset.MinValue;
            try
            {
                await foreach (var batch in source.WithCancellation(cancellationToken))
                {
                    await BulkAsync(index, batch, cancellationToken);
                    newest = batch.Count == 0 ? newest : new[] { newest, batch.Max(a => a.ChangedAt) }.Max();
                }
                await SendAsync(HttpMethod.Post, $"/{index}/_refresh", null, cancellationToken);
                var checkpoint = await GetCheckpointAsync(cancellationToken);
                await SetCheckpointAsync(index, checkpoint is { } c && c > newest ? c : newest, cancellationToken);
                var old = await CurrentIndexAsync(cancellationToken);
                await SendAsync(HttpMethod.Post, "/_aliases", ElasticsearchRequests.SwapAlias(_alias, old, index), cancellationToken);
                if (old is not null)
                {
                    await SendAsync(HttpMethod.Delete, $"/{old}", null, cancellationToken);
                }
                logger.LogInformation("Elasticsearch alias {Alias} now points at rebuilt index {Index}", _alias, index);
            }
            catch
            {
                await SendAsync(HttpMethod.Delete, $"/{index}", null, CancellationToken.None);
                throw;
            }
            finally
            {
                _building = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task CompactAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<DateTimeOffset?> GetCheckpointAsync(CancellationToken cancellationToken)
    {
        var mapping = await SendAsync(HttpMethod.Get, $"/{_alias}/_mapping", null, cancellationToken);
        var ticks = mapping.AsObject().Select(p => p.Value?["mappings"]?["_meta"]?["checkpoint"]?.GetValue<long>()).FirstOrDefault(t => t is not null);
        return ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
    }

    public async Task<IndexStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var count = await SendAsync(HttpMethod.Post, $"/{_alias}/_count", new JsonObject { ["query"] = new JsonObject { ["term"] = new JsonObject { ["state"] = "live" } } }, cancellationToken);
        return new IndexStatus(Name, await CurrentIndexAsync(cancellationToken) ?? _alias, count["count"]?.GetValue<long>() ?? 0, await GetCheckpointAsync(cancellationToken), _building is not null);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> CreateIndexAsync(CancellationToken cancellationToken)
    {
        var index = $"{_alias}-{time.GetUtcNow():yyyyMMddHHmmssfff}".ToLowerInvariant();
        await SendAsync(HttpMethod.Put, $"/{index}", ElasticsearchRequests.IndexDefinition(), cancellationToken);
        return index;
    }

    private async Task<string?> CurrentIndexAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/_alias/{_alias}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return body?.Select(p => p.Key).FirstOrDefault();
    }

    private async Task BulkAsync(string index, IEnumerable<IndexedArticle> articles, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{index}/_bulk?refresh=wait_for")
        {
            Content = new StringContent(ElasticsearchRequests.Bulk(articles), Encoding.UTF8, "application/x-ndjson"),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await ReadAsync(response, request, cancellationToken);
        var failures = ElasticsearchRequests.BulkFailures(body);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"Elasticsearch rejected {failures.Count} documents: {string.Join("; ", failures.Take(3))}");
        }
    }

    private async Task AdvanceCheckpointAsync(string index, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        var current = await GetCheckpointAsync(cancellationToken);
        if (current is { } c && c >= changedAt)
        {
            return;
        }
        await SetCheckpointAsync(index, changedAt, cancellationToken);
    }

    private async Task SetCheckpointAsync(string index, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        var meta = new JsonObject { ["_meta"] = new JsonObject { ["checkpoint"] = changedAt.UtcTicks, ["checkpoint_utc"] = changedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) } };
        await SendAsync(HttpMethod.Put, $"/{index}/_mapping", meta, cancellationToken);
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync(response, request, cancellationToken);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Elasticsearch {request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}", null, response.StatusCode);
        }
        return JsonNode.Parse(text.Length == 0 ? "{}" : text) ?? new JsonObject();
    }
}

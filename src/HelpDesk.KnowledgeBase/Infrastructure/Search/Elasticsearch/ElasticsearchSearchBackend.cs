using System.Globalization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Elastic.Transport.Products.Elasticsearch;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;
using Microsoft.Extensions.Options;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Elasticsearch;

/// <summary>
/// Search on an existing Elasticsearch cluster through the official client (Elastic.Clients.Elasticsearch). Searches
/// go to an alias; a rebuild fills a new concrete index and swaps the alias atomically. Documents are versioned
/// externally by revision, so an older state never overwrites a newer one. The index checkpoint lives in the
/// mapping's <c>_meta</c>. Queries follow the same plan and passes as Lucene (exact, then typos, then any word).
/// </summary>
public sealed class ElasticsearchSearchBackend(
    ElasticsearchClient client, QueryPlanner planner, IOptions<KnowledgeBaseOptions> options, TimeProvider time, ILogger<ElasticsearchSearchBackend> logger)
    : ISearchBackend, IDisposable
{
    private readonly string _alias = options.Value.ElasticsearchIndex;
    private readonly int _fewResults = options.Value.FewResults;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _building;

    public string Name => "elasticsearch";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var exists = await client.Indices.ExistsAliasAsync(new ExistsAliasRequest((Names)_alias), cancellationToken);
        if (exists.Exists)
        {
            return;
        }
        var index = await CreateIndexAsync(cancellationToken);
        await SwapAliasAsync(null, index, cancellationToken);
        logger.LogInformation("Created Elasticsearch index {Index} behind alias {Alias}", index, _alias);
    }

    public async Task ApplyAsync(IReadOnlyCollection<IndexedArticle> articles, CancellationToken cancellationToken)
    {
        if (articles.Count == 0)
        {
            return;
        }
        await BulkAsync(_alias, articles, cancellationToken);
        if (_building is { } building)
        {
            await BulkAsync(building, articles, cancellationToken);
        }
        await AdvanceCheckpointAsync(articles.Max(a => a.ChangedAt), cancellationToken);
    }

    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var plan = planner.Plan(query.Text, query.Language);
        if (plan.IsEmpty)
        {
            return SearchResults.Empty(query);
        }
        var strict = query.Mode == MatchMode.Most;
        var outcome = await PassAsync(plan, query, ElasticsearchQueryRenderer.Render(plan, strict, typos: false), suggest: false, cancellationToken);
        var thin = outcome.Total < _fewResults;
        var (typos, relaxed) = (false, false);
        SearchResponse<ElasticsearchDocument>? suggested = null;
        if (thin && plan.AllowsTypos)
        {
            suggested = await PassAsync(plan, query, ElasticsearchQueryRenderer.Render(plan, strict, typos: true), suggest: query.Spelling, cancellationToken);
            (outcome, typos) = suggested.Total > outcome.Total ? (suggested, true) : (outcome, false);
        }
        if (strict && outcome.Total < _fewResults && plan.CanRelax)
        {
            var any = await PassAsync(plan, query, ElasticsearchQueryRenderer.Relaxed(plan, plan.AllowsTypos), suggest: thin && suggested is null && query.Spelling, cancellationToken);
            suggested ??= any;
            (outcome, relaxed) = any.Total > outcome.Total ? (any, true) : (outcome, false);
            typos |= relaxed && plan.AllowsTypos;
        }
        var didYouMean = thin && suggested is not null ? ElasticsearchSearches.Corrections(suggested, plan.Words) : null;
        return new SearchResults(outcome.Total, query.Page, query.PageSize, ElasticsearchSearches.Hits(outcome), ElasticsearchSearches.FacetsOf(outcome), relaxed, didYouMean, typos);
    }

    public async Task<IReadOnlyList<TypeaheadSuggestion>> TypeaheadAsync(string prefix, string? language, bool includeInternal, int limit, CancellationToken cancellationToken)
    {
        var response = Checked(await client.SearchAsync<ElasticsearchDocument>(ElasticsearchSearches.Typeahead(_alias, prefix, language, includeInternal, limit), cancellationToken), "typeahead");
        return [.. response.Hits.Where(h => h.Source is not null).Select(h => new TypeaheadSuggestion(Guid.Parse(h.Id ?? h.Source!.Id), h.Source!.Title ?? "", h.Source.Language ?? ""))];
    }

    public async Task RebuildAsync(IAsyncEnumerable<IReadOnlyCollection<IndexedArticle>> source, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var index = await CreateIndexAsync(cancellationToken);
            _building = index;
            try
            {
                await FillAndSwapAsync(index, source, cancellationToken);
            }
            catch
            {
                await client.Indices.DeleteAsync(new DeleteIndexRequest(index), CancellationToken.None);
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

    /// <summary>Elasticsearch merges segments itself.</summary>
    public Task CompactAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<DateTimeOffset?> GetCheckpointAsync(CancellationToken cancellationToken)
    {
        var response = Checked(await client.Indices.GetMappingAsync(new GetMappingRequest(_alias), cancellationToken), "read the checkpoint");
        var ticks = response.Mappings.Values
            .Select(m => m.Mappings?.Meta is { } meta && meta.TryGetValue("checkpoint", out var value) ? value?.ToString() : null)
            .Select(t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (long?)null)
            .FirstOrDefault(t => t is not null);
        return ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
    }

    public async Task<IndexStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var count = Checked(await client.CountAsync(new CountRequest(_alias) { Query = new TermQuery("state", "live") }, cancellationToken), "count");
        return new IndexStatus(Name, await CurrentIndexAsync(cancellationToken) ?? _alias, count.Count, await GetCheckpointAsync(cancellationToken), _building is not null);
    }

    public void Dispose() => _gate.Dispose();

    private Task<SearchResponse<ElasticsearchDocument>> PassAsync(QueryPlan plan, SearchQuery query, Query scored, bool suggest, CancellationToken cancellationToken) =>
        client.SearchAsync<ElasticsearchDocument>(ElasticsearchSearches.Pass(_alias, plan, query, scored, suggest), cancellationToken)
            .ContinueWith(t => Checked(t.Result, "search"), cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    private async Task FillAndSwapAsync(string index, IAsyncEnumerable<IReadOnlyCollection<IndexedArticle>> source, CancellationToken cancellationToken)
    {
        var newest = DateTimeOffset.MinValue;
        await foreach (var batch in source.WithCancellation(cancellationToken))
        {
            if (batch.Count > 0)
            {
                await BulkAsync(index, batch, cancellationToken);
                newest = newest > batch.Max(a => a.ChangedAt) ? newest : batch.Max(a => a.ChangedAt);
            }
        }
        Checked(await client.Indices.RefreshAsync(new RefreshRequest(index), cancellationToken), "refresh");
        var checkpoint = await GetCheckpointAsync(cancellationToken);
        await SetCheckpointAsync(index, checkpoint is { } c && c > newest ? c : newest, cancellationToken);
        var old = await CurrentIndexAsync(cancellationToken);
        await SwapAliasAsync(old, index, cancellationToken);
        if (old is not null)
        {
            Checked(await client.Indices.DeleteAsync(new DeleteIndexRequest(old), cancellationToken), "delete the old index");
        }
        logger.LogInformation("Elasticsearch alias {Alias} now points at rebuilt index {Index}", _alias, index);
    }

    private async Task<string> CreateIndexAsync(CancellationToken cancellationToken)
    {
        var index = $"{_alias}-{time.GetUtcNow():yyyyMMddHHmmssfff}".ToLowerInvariant();
        Checked(await client.Indices.CreateAsync(ElasticsearchIndexDefinition.Create(index), cancellationToken), $"create index {index}");
        return index;
    }

    /// <summary>One atomic alias change: searches see the old index or the new one, never none.</summary>
    private async Task SwapAliasAsync(string? oldIndex, string newIndex, CancellationToken cancellationToken)
    {
        var actions = new List<IndexUpdateAliasesAction>();
        if (oldIndex is not null)
        {
            actions.Add(new IndexUpdateAliasesAction { Remove = new RemoveAction { Index = oldIndex, Alias = _alias } });
        }
        actions.Add(new IndexUpdateAliasesAction { Add = new AddAction { Index = newIndex, Alias = _alias } });
        Checked(await client.Indices.UpdateAliasesAsync(new UpdateAliasesRequest { Actions = actions }, cancellationToken), "swap the alias");
    }

    private async Task<string?> CurrentIndexAsync(CancellationToken cancellationToken)
    {
        var response = await client.Indices.GetAliasAsync(new GetAliasRequest((Names)_alias), cancellationToken);
        return response.ApiCallDetails.HttpStatusCode == 404 ? null : Checked(response, "read the alias").Aliases?.Keys.FirstOrDefault();
    }

    /// <summary>
    /// Versioned by revision (<c>version_type=external</c>): a 409 means this or a newer revision is already indexed
    /// (harmless); any other rejected item fails the batch so the message is retried.
    /// </summary>
    private async Task BulkAsync(string index, IEnumerable<IndexedArticle> articles, CancellationToken cancellationToken)
    {
        var operations = new BulkOperationsCollection();
        foreach (var article in articles)
        {
            operations.Add(new BulkIndexOperation<ElasticsearchDocument>(ElasticsearchDocument.From(article))
            {
                Id = article.ArticleId.ToString(),
                Version = article.Revision,
                VersionType = VersionType.External,
            });
        }
        var response = await client.BulkAsync(new BulkRequest(index) { Refresh = Refresh.WaitFor, Operations = operations }, cancellationToken);
        var failures = response.Items?.Where(i => i.Status is >= 300 and not 409).ToList() ?? [];
        if (!response.IsValidResponse && failures.Count == 0 && response.Items is null)
        {
            throw Failure(response, $"bulk into {index}");
        }
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"Elasticsearch rejected {failures.Count} documents: {string.Join("; ", failures.Take(3).Select(f => $"{f.Id}: {f.Error?.Type} {f.Error?.Reason}"))}");
        }
    }

    private async Task AdvanceCheckpointAsync(DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        if (await GetCheckpointAsync(cancellationToken) is { } current && current >= changedAt)
        {
            return;
        }
        await SetCheckpointAsync(_alias, changedAt, cancellationToken);
    }

    private async Task SetCheckpointAsync(string index, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        var request = new PutMappingRequest(index)
        {
            Meta = new Dictionary<string, object>
            {
                ["checkpoint"] = changedAt.UtcTicks,
                ["checkpoint_utc"] = changedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            },
        };
        Checked(await client.Indices.PutMappingAsync(request, cancellationToken), "store the checkpoint");
    }

    private static T Checked<T>(T response, string what) where T : ElasticsearchResponse =>
        response.IsValidResponse ? response : throw Failure(response, what);

    private static HttpRequestException Failure(ElasticsearchResponse response, string what)
    {
        var status = response.ApiCallDetails.HttpStatusCode;
        var reason = response.ElasticsearchServerError?.Error is { } error ? $"{error.Type}: {error.Reason}" : response.ApiCallDetails.OriginalException?.Message;
        return new HttpRequestException($"Elasticsearch could not {what} ({status}): {reason}", response.ApiCallDetails.OriginalException,
            status is { } code ? (System.Net.HttpStatusCode)code : null);
    }
}

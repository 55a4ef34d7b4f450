using System.Collections.Concurrent;
using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Options;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// Embedded search: a Lucene.NET index on this replica's disk (BM25, per-language fields, near-real-time refresh).
/// The index lives in a generation directory named by the <c>current</c> pointer file; a rebuild fills a new
/// generation while the old one keeps answering, then swaps the pointer and the searcher.
/// </summary>
public sealed class LuceneSearchBackend : ISearchBackend, IDisposable
{
    internal const string CheckpointKey = "helpdesk.checkpoint";
    private readonly string _root;
    private readonly ILogger<LuceneSearchBackend> _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Dictionary<string, Analyzer> _languageAnalyzers;
    private readonly Analyzer _indexAnalyzer;
    private readonly Analyzer _prefixQueryAnalyzer = KbAnalyzers.PrefixQuery();
    private readonly LuceneQueryBuilder _queries;
    private volatile LuceneGeneration? _current;
    private LuceneGeneration? _building;

    public LuceneSearchBackend(IOptions<KnowledgeBaseOptions> options, ILogger<LuceneSearchBackend> logger)
    {
        _root = options.Value.IndexDirectory ?? throw new InvalidOperationException("KnowledgeBase index directory is not set.");
        _logger = logger;
        _languageAnalyzers = KbLanguages.Supported.ToDictionary(l => l, KbAnalyzers.ForLanguage);
        var perField = new Dictionary<string, Analyzer> { [LuceneFields.TitlePrefixes] = KbAnalyzers.EdgeNGrams() };
        foreach (var (language, analyzer) in _languageAnalyzers)
        {
            perField["title_" + language] = analyzer;
            perField["body_" + language] = analyzer;
        }
        _indexAnalyzer = new PerFieldAnalyzerWrapper(_languageAnalyzers["en"], perField);
        _queries = new LuceneQueryBuilder(_languageAnalyzers);
    }

    public string Name => "lucene";

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_current is not null)
        {
            return Task.CompletedTask;
        }
        System.IO.Directory.CreateDirectory(_root);
        var pointer = Path.Combine(_root, "current");
        var name = File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : "";
        if (name.Length == 0 || !System.IO.Directory.Exists(Path.Combine(_root, name)))
        {
            name = NewGenerationName();
        }
        _current = OpenGeneration(name);
        WritePointer(name);
        // Generations left behind by a rebuild interrupted by a crash.
        foreach (var stale in System.IO.Directory.GetDirectories(_root).Where(d => Path.GetFileName(d) != name))
        {
            TryDelete(stale);
        }
        _logger.LogInformation("Lucene index {Generation} open with {Documents} documents", name, _current.Revisions.Count);
        return Task.CompletedTask;
    }

    public async Task ApplyAsync(IReadOnlyCollection<IndexedArticle> articles, CancellationToken cancellationToken)
    {
        if (articles.Count == 0)
        {
            return;
        }
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var current = Current;
            current.Apply(articles);
            current.Commit();
            _building?.Apply(articles);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var languages = query.Language is { } language ? [language] : KbLanguages.Supported;
        var built = _queries.Build(QueryText.Parse(query.Text), languages, query.Mode);
        if (built.Query is null)
        {
            return Task.FromResult(SearchResults.Empty(query));
        }

        var generation = Current;
        var searcher = generation.Searchers.Acquire();
        try
        {
            var filter = new QueryWrapperFilter(FilterQuery(query.Language, query.Category, query.Tag, query.IncludeInternal));
            var skip = (query.Page - 1) * query.PageSize;
            var top = TopScoreDocCollector.Create(Math.Max(1, skip + query.PageSize), true);
            var facets = new FacetCountingCollector();
            searcher.Search(built.Query, filter, MultiCollector.Wrap(top, facets));
            var page = top.GetTopDocs(skip, query.PageSize);
            var hits = new List<SearchHit>(page.ScoreDocs.Length);
            foreach (var scoreDoc in page.ScoreDocs)
            {
                var document = searcher.Doc(scoreDoc.Doc);
                var hitLanguage = document.Get(LuceneFields.Language);
                var body = document.Get(LuceneFields.Body);
                var tokens = KbAnalyzers.Analyze(_languageAnalyzers[hitLanguage], "body_" + hitLanguage, body)
                    .Select(t => (t.Term, t.Start, t.End)).ToList();
                hits.Add(new SearchHit(
                    Guid.ParseExact(document.Get(LuceneFields.Id), "N"),
                    int.Parse(document.Get(LuceneFields.Version), CultureInfo.InvariantCulture),
                    document.Get(LuceneFields.Title),
                    SnippetBuilder.Build(body, tokens, built.TermsByLanguage.GetValueOrDefault(hitLanguage) ?? []),
                    scoreDoc.Score,
                    hitLanguage,
                    document.Get(LuceneFields.Category),
                    document.GetValues(LuceneFields.Tag),
                    document.Get(LuceneFields.Visibility) == "internal" ? ArticleVisibility.Internal : ArticleVisibility.Published));
            }
            return Task.FromResult(new SearchResults(top.TotalHits, query.Page, query.PageSize, hits, facets.Complete()));
        }
        finally
        {
            generation.Searchers.Release(searcher);
        }
    }

    public Task<IReadOnlyList<TypeaheadSuggestion>> TypeaheadAsync(string prefix, string? language, bool includeInternal, int limit, CancellationToken cancellationToken)
    {
        var words = KbAnalyzers.Analyze(_prefixQueryAnalyzer, LuceneFields.TitlePrefixes, prefix)
            .Select(t => t.Term.Length > 20 ? t.Term[..20] : t.Term).ToList();
        if (words.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<TypeaheadSuggestion>>([]);
        }
        var query = new BooleanQuery(disableCoord: true);
        foreach (var word in words)
        {
            query.Add(new TermQuery(new Term(LuceneFields.TitlePrefixes, word)), Occur.MUST);
        }
        var generation = Current;
        var searcher = generation.Searchers.Acquire();
        try
        {
            var top = searcher.Search(query, new QueryWrapperFilter(FilterQuery(language, null, null, includeInternal)), limit);
            IReadOnlyList<TypeaheadSuggestion> suggestions = [.. top.ScoreDocs.Select(hit => searcher.Doc(hit.Doc)).Select(document => new TypeaheadSuggestion(
                Guid.ParseExact(document.Get(LuceneFields.Id), "N"), document.Get(LuceneFields.Title), document.Get(LuceneFields.Language)))];
            return Task.FromResult(suggestions);
        }
        finally
        {
            generation.Searchers.Release(searcher);
        }
    }

    public async Task RebuildAsync(IAsyncEnumerable<IReadOnlyCollection<IndexedArticle>> source, CancellationToken cancellationToken)
    {
        var building = await StartBuildingAsync(cancellationToken);
        try
        {
            var count = await FillAsync(building, source, cancellationToken);
            var old = await SwapAsync(building, cancellationToken);
            _logger.LogInformation("Lucene index rebuilt into {Generation} from {Count} articles; {Old} retired", building.Name, count, old.Name);
            old.Dispose();
            TryDelete(old.Path);
        }
        catch
        {
            await _writeGate.WaitAsync(CancellationToken.None);
            _building = null;
            _writeGate.Release();
            building.Dispose();
            TryDelete(building.Path);
            throw;
        }
    }

    /// <summary>Opens the new generation; from now on live changes are applied to it too.</summary>
    private async Task<LuceneGeneration> StartBuildingAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (_building is not null)
            {
                throw new InvalidOperationException("A rebuild is already running.");
            }
            return _building = OpenGeneration(NewGenerationName());
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<int> FillAsync(LuceneGeneration building, IAsyncEnumerable<IReadOnlyCollection<IndexedArticle>> source, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var batch in source.WithCancellation(cancellationToken))
        {
            await _writeGate.WaitAsync(cancellationToken);
            try
            {
                building.Apply(batch);
            }
            finally
            {
                _writeGate.Release();
            }
            count += batch.Count;
        }
        return count;
    }

    /// <summary>Commits the new generation, makes it current and points the pointer file at it; returns the old one.</summary>
    private async Task<LuceneGeneration> SwapAsync(LuceneGeneration building, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            building.Commit();
            var old = Current;
            building.Checkpoint = Math.Max(building.Checkpoint, old.Checkpoint);
            building.Commit();
            _current = building;
            _building = null;
            WritePointer(building.Name);
            return old;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<DateTimeOffset?> GetCheckpointAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Current.Checkpoint == 0 ? (DateTimeOffset?)null : new DateTimeOffset(Current.Checkpoint, TimeSpan.Zero));

    public async Task<IndexStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        new(Name, Current.Name, Current.LiveDocuments(), await GetCheckpointAsync(cancellationToken), _building is not null);

    public void Dispose()
    {
        _building?.Dispose();
        _current?.Dispose();
        _writeGate.Dispose();
    }

    private LuceneGeneration Current => _current ?? throw new InvalidOperationException("The search index is not initialised yet.");

    private static Query FilterQuery(string? language, string? category, string? tag, bool includeInternal)
    {
        var filter = new BooleanQuery(disableCoord: true)
        {
            { new TermQuery(new Term(LuceneFields.State, LuceneFields.Live)), Occur.MUST },
        };
        if (!includeInternal)
        {
            filter.Add(new TermQuery(new Term(LuceneFields.Visibility, "published")), Occur.MUST);
        }
        if (language is not null)
        {
            filter.Add(new TermQuery(new Term(LuceneFields.Language, language)), Occur.MUST);
        }
        if (category is not null)
        {
            filter.Add(new TermQuery(new Term(LuceneFields.Category, category)), Occur.MUST);
        }
        if (tag is not null)
        {
            filter.Add(new TermQuery(new Term(LuceneFields.Tag, tag)), Occur.MUST);
        }
        return filter;
    }

    private LuceneGeneration OpenGeneration(string name) => new(name, Path.Combine(_root, name), _indexAnalyzer);

    private void WritePointer(string name)
    {
        var pointer = Path.Combine(_root, "current");
        var temporary = pointer + ".tmp";
        File.WriteAllText(temporary, name);
        File.Move(temporary, pointer, overwrite: true);
    }

    private static string NewGenerationName() => "gen-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];

    private void TryDelete(string path)
    {
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (IOException ex)
        {
            _logger.LogWarning("Could not delete old index {Path}: {Error}", path, ex.Message);
        }
    }
}

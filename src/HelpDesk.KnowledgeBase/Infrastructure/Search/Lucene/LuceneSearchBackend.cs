using System.Globalization;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Options;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// Embedded search: a Lucene.NET index on this replica's disk (BM25, per-language fields, near-real-time refresh).
/// The index lives in a generation directory named by the <c>current</c> pointer file; a rebuild fills a new
/// generation while the old one keeps answering, then swaps the pointer and the searcher. A generation written
/// with an older schema is replaced by an empty one on open, which the start-up catch-up refills from the database.
/// </summary>
public sealed class LuceneSearchBackend : ISearchBackend, IDisposable
{
    internal const string CheckpointKey = "helpdesk.checkpoint";
    private readonly LuceneIndexSlot _slot;
    private readonly string _root;
    private readonly ILogger<LuceneSearchBackend> _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly KbAnalysis _analysis;
    private readonly Analyzer _indexAnalyzer;
    private readonly QueryPlanner _planner;
    private readonly LuceneSearcher _searcher;
    private volatile LuceneGeneration? _current;
    private LuceneGeneration? _building;

    public LuceneSearchBackend(IOptions<KnowledgeBaseOptions> options, QueryPlanner planner, KbAnalysis analysis, ILogger<LuceneSearchBackend> logger)
    {
        // Another replica on the same data directory holds the configured index: this one takes the next slot.
        _slot = LuceneIndexSlot.Claim(options.Value.IndexDirectory ?? throw new InvalidOperationException("KnowledgeBase index directory is not set."));
        _root = _slot.Directory;
        _logger = logger;
        _analysis = analysis;
        _planner = planner;
        var perField = new Dictionary<string, Analyzer>
        {
            [LuceneFields.TitlePrefixes] = analysis.TitlePrefixes,
            [LuceneFields.Spelling] = analysis.SpellingIndex,
        };
        foreach (var language in KbLanguages.Supported)
        {
            perField[LuceneFields.TitleOf[language]] = analysis.Index(language);
            perField[LuceneFields.BodyOf[language]] = analysis.Index(language);
        }
        _indexAnalyzer = new PerFieldAnalyzerWrapper(analysis.Index("en"), perField);
        var fuzzy = new FuzzyExpander();
        _searcher = new LuceneSearcher(new LuceneQueryRenderer(fuzzy), new LuceneFilterCache(), new LuceneSpeller(analysis), new LuceneSnippets(), options.Value.FewResults);
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
        var generation = OpenGeneration(name);
        if (generation.Schema != LuceneFields.SchemaVersion)
        {
            _logger.LogWarning("Lucene index {Generation} has schema {Old}, this version writes {New}: starting an empty index that catch-up refills from the database",
                name, generation.Schema, LuceneFields.SchemaVersion);
            generation.Dispose();
            generation = OpenGeneration(name = NewGenerationName());
        }
        _current = generation;
        WritePointer(name);
        // Generations left behind by a rebuild interrupted by a crash, or by a schema change.
        foreach (var stale in System.IO.Directory.GetDirectories(_root).Where(d => Path.GetFileName(d) != name))
        {
            TryDelete(stale);
        }
        _logger.LogInformation("Lucene index {Generation} open in {Directory} (slot {Slot}) with {Documents} documents", name, _root, _slot.Number, _current.Revisions.Count);
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
        var plan = _planner.Plan(query.Text, query.Language);
        if (plan.IsEmpty)
        {
            return Task.FromResult(SearchResults.Empty(query));
        }
        var generation = Current;
        var searcher = generation.Searchers.Acquire();
        try
        {
            return Task.FromResult(_searcher.Search(searcher, plan, query));
        }
        finally
        {
            generation.Searchers.Release(searcher);
        }
    }

    public Task<IReadOnlyList<TypeaheadSuggestion>> TypeaheadAsync(string prefix, string? language, bool includeInternal, int limit, CancellationToken cancellationToken)
    {
        var words = KbAnalyzers.Analyze(_analysis.PrefixQuery, LuceneFields.TitlePrefixes, prefix)
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
            var top = searcher.Search(query, _searcher.Filter(language, includeInternal), limit);
            IReadOnlyList<TypeaheadSuggestion> suggestions = [.. top.ScoreDocs.Select(hit => LuceneDocValues.Suggestion(searcher.IndexReader, hit.Doc))];
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
            // Merged outside the write lock: live changes keep reaching both indexes meanwhile.
            building.Merge();
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

    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            Current.Compact();
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
        _slot.Dispose();
    }

    private LuceneGeneration Current => _current ?? throw new InvalidOperationException("The search index is not initialised yet.");

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

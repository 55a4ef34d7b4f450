using System.Collections.Concurrent;
using System.Globalization;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>One index directory with its writer, near-real-time searchers and the revision of every article in it.</summary>
internal sealed class LuceneGeneration : IDisposable
{
    private const string SchemaKey = "helpdesk.schema";
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;

    public LuceneGeneration(string name, string path, Analyzer analyzer)
    {
        Name = name;
        Path = path;
        _directory = FSDirectory.Open(path);
        _writer = new IndexWriter(_directory, new IndexWriterConfig(KbAnalyzers.Version, analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 64,
        });
        Searchers = new SearcherManager(_writer, true, new Bm25SearcherFactory());
        LoadRevisions();
    }

    public string Name { get; }

    public string Path { get; }

    public SearcherManager Searchers { get; }

    public ConcurrentDictionary<Guid, long> Revisions { get; } = new();

    /// <summary>UTC ticks of the newest article change applied; committed with the index.</summary>
    public long Checkpoint { get; set; }

    public void Apply(IEnumerable<IndexedArticle> articles)
    {
        foreach (var article in articles)
        {
            var known = Revisions.TryGetValue(article.ArticleId, out var indexed);
            if (known && indexed >= article.Revision)
            {
                continue;
            }
            if (!known)
            {
                // Never indexed here: a plain add skips the delete-by-id lookup (most of a rebuild's work).
                _writer.AddDocument(LuceneFields.ToDocument(article));
            }
            else
            {
                _writer.UpdateDocument(new Term(LuceneFields.Id, article.ArticleId.ToString("N")), LuceneFields.ToDocument(article));
            }
            Revisions[article.ArticleId] = article.Revision;
            Checkpoint = Math.Max(Checkpoint, article.ChangedAt.UtcTicks);
        }
    }

    /// <summary>The schema this generation was written with (<see cref="LuceneFields.SchemaVersion"/> for a new one; 1 before it was recorded).</summary>
    public int Schema { get; private set; } = LuceneFields.SchemaVersion;

    public void Commit()
    {
        _writer.SetCommitData(new Dictionary<string, string>
        {
            [LuceneSearchBackend.CheckpointKey] = Checkpoint.ToString(CultureInfo.InvariantCulture),
            [SchemaKey] = Schema.ToString(CultureInfo.InvariantCulture),
        });
        _writer.Commit();
        Searchers.MaybeRefreshBlocking();
    }

    /// <summary>Merges every segment into one (deleted documents dropped), commits and refreshes the searchers.</summary>
    public void Compact()
    {
        Merge();
        Commit();
    }

    /// <summary>Merges every segment into one; safe beside concurrent writes (IndexWriter is thread-safe).</summary>
    public void Merge() => _writer.ForceMerge(1);

    public long LiveDocuments()
    {
        var searcher = Searchers.Acquire();
        try
        {
            return searcher.Search(new TermQuery(new Term(LuceneFields.State, LuceneFields.Live)), 1).TotalHits;
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        Searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
    }

    private void LoadRevisions()
    {
        if (_writer.CommitData.TryGetValue(LuceneSearchBackend.CheckpointKey, out var checkpoint))
        {
            Checkpoint = long.Parse(checkpoint, CultureInfo.InvariantCulture);
            Schema = _writer.CommitData.TryGetValue(SchemaKey, out var schema) ? int.Parse(schema, CultureInfo.InvariantCulture) : 1;
        }
        var searcher = Searchers.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            var liveDocs = MultiFields.GetLiveDocs(reader);
            var fields = new HashSet<string> { LuceneFields.Id, LuceneFields.Revision };
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (liveDocs is not null && !liveDocs.Get(doc))
                {
                    continue;
                }
                var document = reader.Document(doc, fields);
                Revisions[Guid.ParseExact(document.Get(LuceneFields.Id), "N")] = document.GetField(LuceneFields.Revision).GetInt64Value() ?? 0;
            }
        }
        finally
        {
            Searchers.Release(searcher);
        }
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new KbBm25Similarity() };
    }
}

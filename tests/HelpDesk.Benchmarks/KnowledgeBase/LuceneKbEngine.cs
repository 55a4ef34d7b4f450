using System.Diagnostics;
using HelpDesk.KnowledgeBase;
using HelpDesk.KnowledgeBase.Infrastructure.Search;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Synonyms;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpDesk.Benchmarks.KnowledgeBase;

/// <summary>
/// The service's own <see cref="LuceneSearchBackend"/>: articles applied in batches of 5,000 (a commit each), then
/// compacted as a replica does after a bulk catch-up; queries through <c>SearchAsync</c> with facets and snippets.
/// </summary>
internal static class LuceneKbEngine
{
    public static async Task<KbSearchFigures> RunAsync(List<IndexedArticle> articles, List<SearchQuery> queries, int clients, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"kb-bench-lucene-{Guid.NewGuid():N}");
        try
        {
            using var backend = new LuceneSearchBackend(
                Options.Create(new KnowledgeBaseOptions { IndexDirectory = directory }),
                new QueryPlanner(KbAnalysis.Shared, new SynonymCatalog(KbAnalysis.Shared)),
                KbAnalysis.Shared,
                NullLogger<LuceneSearchBackend>.Instance);
            await backend.InitializeAsync(cancellationToken);
            var cpu = KbBenchEnvironment.ProcessCpuSeconds();
            var clock = Stopwatch.StartNew();
            foreach (var batch in articles.Chunk(5_000))
            {
                await backend.ApplyAsync(batch, cancellationToken);
            }
            await backend.CompactAsync(cancellationToken);
            var indexing = clock.Elapsed;
            var indexingCpu = KbBenchEnvironment.ProcessCpuSeconds() - cpu;
            var hits = 0L;
            cpu = KbBenchEnvironment.ProcessCpuSeconds();
            var (latencies, throughput) = await KbSearchMeasurement.RunAsync(queries, clients, async query =>
            {
                var results = await backend.SearchAsync(query, cancellationToken);
                Interlocked.Add(ref hits, results.Total);
            }, cancellationToken);
            var queryCpu = KbBenchEnvironment.ProcessCpuSeconds() - cpu;
            var size = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var run = KbSearchMeasurement.QueriesRun(queries.Count);
            return new KbSearchFigures("Lucene.NET (this service's backend: BM25, most-words then typos then any-word, facets, snippets)", articles.Count, indexing,
                latencies, throughput, clients, hits / (double)run, size, indexingCpu, queryCpu * 1000 / run, KbBenchEnvironment.LoadAverage());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using HelpDesk.Contracts;
using HelpDesk.KnowledgeBase;
using HelpDesk.KnowledgeBase.Domain;
using HelpDesk.KnowledgeBase.Infrastructure.Search;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace HelpDesk.Benchmarks.KnowledgeBase;

/// <summary>
/// kb-search: loads N generated articles (en/fr/it) into the embedded Lucene.NET index and into PostgreSQL
/// full-text search (tsvector per language with unaccent, GIN, ts_rank, websearch_to_tsquery), then runs the same
/// query mix on both. Reports indexing rate, single-client p50/p99 latency and multi-client queries/s.
/// </summary>
public sealed class KbSearchLoadDriver : ILoadDriver
{
    public string Name => "kb-search";

    public string Description => "KB search: Lucene.NET vs PostgreSQL FTS on N generated articles (--articles 100000 --queries 2000 --clients 4 --skip-postgres)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var articleCount = Option(args, "--articles", 100_000);
        var queryCount = Option(args, "--queries", 2_000);
        var clients = Option(args, "--clients", Math.Max(2, Environment.ProcessorCount * 2));
        var skipPostgres = args.Contains("--skip-postgres");

        var generator = new KbArticleGenerator();
        var articles = generator.Articles(articleCount).ToList();
        var queries = generator.Queries(queryCount);
        Console.WriteLine($"kb-search: {articleCount:N0} articles (en/fr/it), {queryCount:N0} queries, {clients} concurrent clients, {Environment.ProcessorCount} cores");

        var lucene = await RunLuceneAsync(articles, queries, clients, cancellationToken);
        Report(lucene);
        if (!skipPostgres)
        {
            await using var postgres = await PrivatePostgres.StartAsync(cancellationToken);
            if (postgres is not null)
            {
                var pg = await RunPostgresAsync(postgres, articles, queries, clients, cancellationToken);
                Report(pg);
            }
        }
        return 0;
    }

    private static async Task<Figures> RunLuceneAsync(List<IndexedArticle> articles, List<SearchQuery> queries, int clients, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"kb-bench-lucene-{Guid.NewGuid():N}");
        try
        {
            using var backend = new LuceneSearchBackend(Options.Create(new KnowledgeBaseOptions { IndexDirectory = directory }), NullLogger<LuceneSearchBackend>.Instance);
            await backend.InitializeAsync(cancellationToken);
            var cpu = ProcessCpuSeconds();
            var clock = Stopwatch.StartNew();
            foreach (var batch in articles.Chunk(5_000))
            {
                await backend.ApplyAsync(batch, cancellationToken);
            }
            var indexing = clock.Elapsed;
            var indexingCpu = ProcessCpuSeconds() - cpu;
            var hits = 0L;
            cpu = ProcessCpuSeconds();
            var (latencies, throughput) = await MeasureAsync(queries, clients, async query =>
            {
                var results = await backend.SearchAsync(query, cancellationToken);
                Interlocked.Add(ref hits, results.Total);
            }, cancellationToken);
            var queryCpu = ProcessCpuSeconds() - cpu;
            var size = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            return new Figures("Lucene.NET (BM25, fuzzy, facets, snippets)", articles.Count, indexing, latencies, throughput, hits / (double)(queries.Count * 2), size, indexingCpu, queryCpu / (queries.Count * 2 + Math.Min(200, queries.Count)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Figures> RunPostgresAsync(PrivatePostgres postgres, List<IndexedArticle> articles, List<SearchQuery> queries, int clients, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await using (var setup = dataSource.CreateCommand("""
            CREATE EXTENSION IF NOT EXISTS unaccent;
            CREATE TEXT SEARCH CONFIGURATION kb_en (COPY = english);
            ALTER TEXT SEARCH CONFIGURATION kb_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
            CREATE TEXT SEARCH CONFIGURATION kb_fr (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION kb_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
            CREATE TEXT SEARCH CONFIGURATION kb_it (COPY = italian);
            ALTER TEXT SEARCH CONFIGURATION kb_it ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;
            CREATE TABLE kb_articles (
                id uuid PRIMARY KEY, title text NOT NULL, body text NOT NULL, language text NOT NULL,
                category text NOT NULL, tags text[] NOT NULL, visibility text NOT NULL,
                tsv tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector(CASE language WHEN 'fr' THEN 'kb_fr'::regconfig WHEN 'it' THEN 'kb_it'::regconfig ELSE 'kb_en'::regconfig END, title), 'A') ||
                    setweight(to_tsvector(CASE language WHEN 'fr' THEN 'kb_fr'::regconfig WHEN 'it' THEN 'kb_it'::regconfig ELSE 'kb_en'::regconfig END, body), 'B')) STORED);
            """))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        var serverCpu = postgres.ServerCpuSeconds();
        var cpu = ProcessCpuSeconds();
        var clock = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var import = await connection.BeginBinaryImportAsync("COPY kb_articles (id, title, body, language, category, tags, visibility) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var a in articles)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(a.ArticleId, NpgsqlDbType.Uuid, cancellationToken);
                await import.WriteAsync(a.Title, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(a.Body, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(a.Language, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(a.Category, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(a.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(a.Visibility == ArticleVisibility.Internal ? "internal" : "published", NpgsqlDbType.Text, cancellationToken);
            }
            await import.CompleteAsync(cancellationToken);
        }
        await using (var index = dataSource.CreateCommand("CREATE INDEX kb_articles_tsv ON kb_articles USING GIN (tsv); CREATE INDEX kb_articles_category ON kb_articles (category); ANALYZE kb_articles;"))
        {
            index.CommandTimeout = 0;
            await index.ExecuteNonQueryAsync(cancellationToken);
        }
        var indexing = clock.Elapsed;
        var indexingCpu = ProcessCpuSeconds() - cpu + postgres.ServerCpuSeconds() - serverCpu;

        var hits = 0L;
        serverCpu = postgres.ServerCpuSeconds();
        cpu = ProcessCpuSeconds();
        var (latencies, throughput) = await MeasureAsync(queries, clients, async query =>
        {
            // The same contract as the Lucene search: public articles, optional filters, top 10 by rank plus the total.
            var sql = """
                SELECT id, title, ts_rank(tsv, q) AS rank, count(*) OVER () AS total
                FROM kb_articles, (SELECT CASE WHEN $2::text IS NULL
                        THEN websearch_to_tsquery('kb_en', $1) || websearch_to_tsquery('kb_fr', $1) || websearch_to_tsquery('kb_it', $1)
                        ELSE websearch_to_tsquery(CASE $2 WHEN 'fr' THEN 'kb_fr'::regconfig WHEN 'it' THEN 'kb_it'::regconfig ELSE 'kb_en'::regconfig END, $1) END AS q) query
                WHERE tsv @@ q AND visibility = 'published' AND ($2::text IS NULL OR language = $2) AND ($3::text IS NULL OR category = $3)
                ORDER BY rank DESC LIMIT 10
                """;
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = query.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Language ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Category ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                Interlocked.Add(ref hits, reader.GetInt64(3));
            }
        }, cancellationToken);

        var queryCpu = ProcessCpuSeconds() - cpu + postgres.ServerCpuSeconds() - serverCpu;
        await using var sizeCommand = dataSource.CreateCommand("SELECT pg_total_relation_size('kb_articles')");
        var size = (long)(await sizeCommand.ExecuteScalarAsync(cancellationToken))!;
        return new Figures("PostgreSQL 15 FTS (tsvector+unaccent, GIN, ts_rank)", articles.Count, indexing, latencies, throughput, hits / (double)(queries.Count * 2), size, indexingCpu, queryCpu / (queries.Count * 2 + Math.Min(200, queries.Count)));
    }

    /// <summary>Warm-up, then one client for latency percentiles, then <paramref name="clients"/> clients for throughput.</summary>
    private static async Task<(List<double> LatenciesMs, double QueriesPerSecond)> MeasureAsync(List<SearchQuery> queries, int clients, Func<SearchQuery, Task> run, CancellationToken cancellationToken)
    {
        foreach (var query in queries.Take(Math.Min(200, queries.Count)))
        {
            await run(query);
        }
        var latencies = new List<double>(queries.Count);
        foreach (var query in queries)
        {
            var start = Stopwatch.GetTimestamp();
            await run(query);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < queries.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await run(queries[i]);
            }
        }, cancellationToken)));
        return (latencies, queries.Count / clock.Elapsed.TotalSeconds);
    }

    private static void Report(Figures f)
    {
        var sorted = f.LatenciesMs.Order().ToList();
        double Percentile(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        Console.WriteLine();
        Console.WriteLine(f.Engine);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  indexing   {f.Articles:N0} articles in {f.Indexing.TotalSeconds:F1} s = {f.Articles / f.Indexing.TotalSeconds:N0} articles/s (index size {f.SizeBytes / 1024.0 / 1024.0:F0} MiB)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  latency    p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms (1 client, {sorted.Count:N0} queries)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  CPU cost   indexing {f.IndexingCpuSeconds:F1} CPU-s = {f.Articles / f.IndexingCpuSeconds:N0} articles per CPU-second; {f.CpuMsPerQuery * 1000:F2} CPU-ms per query (client + server)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  throughput {f.QueriesPerSecond:N0} queries/s (concurrent clients); mean matches per query {f.MeanMatches:N0}"));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private sealed record Figures(string Engine, int Articles, TimeSpan Indexing, List<double> LatenciesMs, double QueriesPerSecond, double MeanMatches, long SizeBytes, double IndexingCpuSeconds, double CpuMsPerQuery);

    private static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }
}

using System.Diagnostics;
using HelpDesk.Contracts;
using HelpDesk.KnowledgeBase.Infrastructure.Search;
using Npgsql;
using NpgsqlTypes;

namespace HelpDesk.Benchmarks.KnowledgeBase;

/// <summary>
/// PostgreSQL full-text search on the same articles and query mix: a private cluster (<see cref="PrivatePostgres"/>),
/// COPY into a table with a stored generated tsvector (kb_en/kb_fr/kb_it = stemmer + unaccent, title weight A, body B),
/// a GIN index, queries with websearch_to_tsquery (OR of the three configurations without a language), ts_rank,
/// the same filters, top 10 plus the total.
/// </summary>
internal static class PostgresKbEngine
{
    public static async Task<KbSearchFigures> RunAsync(PrivatePostgres postgres, List<IndexedArticle> articles, List<SearchQuery> queries, int clients, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        var serverCpu = postgres.ServerCpuSeconds();
        var cpu = KbBenchEnvironment.ProcessCpuSeconds();
        var clock = Stopwatch.StartNew();
        await LoadAsync(dataSource, articles, cancellationToken);
        var indexing = clock.Elapsed;
        var indexingCpu = KbBenchEnvironment.ProcessCpuSeconds() - cpu + postgres.ServerCpuSeconds() - serverCpu;

        var hits = 0L;
        serverCpu = postgres.ServerCpuSeconds();
        cpu = KbBenchEnvironment.ProcessCpuSeconds();
        var (latencies, throughput) = await KbSearchMeasurement.RunAsync(queries, clients, async query =>
            Interlocked.Add(ref hits, await SearchAsync(dataSource, query, cancellationToken)), cancellationToken);
        var queryCpu = KbBenchEnvironment.ProcessCpuSeconds() - cpu + postgres.ServerCpuSeconds() - serverCpu;
        await using var sizeCommand = dataSource.CreateCommand("SELECT pg_total_relation_size('kb_articles')");
        var size = (long)(await sizeCommand.ExecuteScalarAsync(cancellationToken))!;
        await using var versionCommand = dataSource.CreateCommand("SHOW server_version");
        var version = ((string)(await versionCommand.ExecuteScalarAsync(cancellationToken))!).Split(' ')[0];
        var run = KbSearchMeasurement.QueriesRun(queries.Count);
        return new KbSearchFigures($"PostgreSQL {version} FTS (tsvector+unaccent, GIN, ts_rank; every word must match, no typos, no facets, no snippets)", articles.Count, indexing,
            latencies, throughput, clients, hits / (double)run, size, indexingCpu, queryCpu * 1000 / run, KbBenchEnvironment.LoadAverage());
    }

    /// <summary>Configurations, table, COPY, GIN index and ANALYZE: what "indexing" measures.</summary>
    private static async Task LoadAsync(NpgsqlDataSource dataSource, List<IndexedArticle> articles, CancellationToken cancellationToken)
    {
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
    }

    /// <summary>Top 10 by rank plus the total, as the Lucene search answers; returns the total.</summary>
    private static async Task<long> SearchAsync(NpgsqlDataSource dataSource, SearchQuery query, CancellationToken cancellationToken)
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
        return await reader.ReadAsync(cancellationToken) ? reader.GetInt64(3) : 0;
    }
}

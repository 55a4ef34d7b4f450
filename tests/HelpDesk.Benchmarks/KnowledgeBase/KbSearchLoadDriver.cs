using System.Globalization;

namespace HelpDesk.Benchmarks.KnowledgeBase;

/// <summary>
/// kb-search: loads N generated articles (en/fr/it) into the service's Lucene.NET backend and into PostgreSQL
/// full-text search, runs the same query mix on both, and prints indexing rate, single-client latency percentiles,
/// CPU per query, multi-client throughput, the issue-19 goals, and everything needed to repeat the run.
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

        KbBenchEnvironment.PrintHeader(args);
        var generator = new KbArticleGenerator();
        var articles = generator.Articles(articleCount).ToList();
        var queries = generator.Queries(queryCount);
        Console.WriteLine($"workload   {articleCount:N0} articles (en/fr/it), {queryCount:N0} queries (mix: KbArticleGenerator.Queries), {clients} concurrent clients for throughput");

        var lucene = await LuceneKbEngine.RunAsync(articles, queries, clients, cancellationToken);
        lucene.Print();
        KbSearchFigures? postgres = null;
        if (!skipPostgres)
        {
            await using var cluster = await PrivatePostgres.StartAsync(cancellationToken);
            if (cluster is not null)
            {
                postgres = await PostgresKbEngine.RunAsync(cluster, articles, queries, clients, cancellationToken);
                postgres.Print();
            }
        }
        PrintGoals(lucene, postgres);
        return 0;
    }

    /// <summary>Issue 19's goals, measured in this run (meaningful on an idle machine: see the load lines).</summary>
    private static void PrintGoals(KbSearchFigures lucene, KbSearchFigures? postgres)
    {
        static string Check(bool met) => met ? "met" : "NOT met";
        Console.WriteLine();
        Console.WriteLine("goals (issue 19, 100,000 articles, idle machine)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  p50 < 2 ms        {lucene.Percentile(0.5):F2} ms: {Check(lucene.Percentile(0.5) < 2)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  p99 < 10 ms       {lucene.Percentile(0.99):F2} ms: {Check(lucene.Percentile(0.99) < 10)}"));
        if (postgres is not null)
        {
            var ratio = lucene.QueriesPerSecond / postgres.QueriesPerSecond;
            var cpuRatio = postgres.CpuMsPerQuery / lucene.CpuMsPerQuery;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  throughput ≥ 3×   {ratio:F1}× PostgreSQL's queries/s: {Check(ratio >= 3)}; CPU per query {cpuRatio:F1}× less"));
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}

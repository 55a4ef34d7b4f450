using System.Diagnostics;
using HelpDesk.KnowledgeBase.Infrastructure.Search;

namespace HelpDesk.Benchmarks.KnowledgeBase;

/// <summary>The same measurement for every engine: warm-up, one client for latency, then N clients for throughput.</summary>
internal static class KbSearchMeasurement
{
    public const int WarmUp = 200;

    /// <summary>Queries run per engine in total (warm-up, latency, throughput), for CPU per query.</summary>
    public static int QueriesRun(int queries) => Math.Min(WarmUp, queries) + (queries * 2);

    public static async Task<(List<double> LatenciesMs, double QueriesPerSecond)> RunAsync(List<SearchQuery> queries, int clients, Func<SearchQuery, Task> run, CancellationToken cancellationToken)
    {
        foreach (var query in queries.Take(Math.Min(WarmUp, queries.Count)))
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
}

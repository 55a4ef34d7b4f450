using System.Globalization;

namespace HelpDesk.Benchmarks.KnowledgeBase;

/// <summary>One engine's figures for one run, and how to print them.</summary>
internal sealed record KbSearchFigures(
    string Engine, int Articles, TimeSpan Indexing, List<double> LatenciesMs, double QueriesPerSecond, int Clients,
    double MeanMatches, long SizeBytes, double IndexingCpuSeconds, double CpuMsPerQuery, string LoadDuringQueries)
{
    public double Percentile(double p)
    {
        var sorted = LatenciesMs.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine(Engine);
        Console.WriteLine(Line($"  indexing   {Articles:N0} articles in {Indexing.TotalSeconds:F1} s = {Articles / Indexing.TotalSeconds:N0} articles/s (index size {SizeBytes / 1024.0 / 1024.0:F0} MiB)"));
        Console.WriteLine(Line($"  latency    p50 {Percentile(0.50):F2} ms, p90 {Percentile(0.90):F2} ms, p99 {Percentile(0.99):F2} ms, max {LatenciesMs.Max():F2} ms (1 client, {LatenciesMs.Count:N0} queries)"));
        Console.WriteLine(Line($"  CPU cost   indexing {IndexingCpuSeconds:F1} CPU-s = {Articles / IndexingCpuSeconds:N0} articles per CPU-second; {CpuMsPerQuery:F2} CPU-ms per query (client + server)"));
        Console.WriteLine(Line($"  throughput {QueriesPerSecond:N0} queries/s ({Clients} concurrent clients); mean matches per query {MeanMatches:N0}"));
        Console.WriteLine($"  load       {LoadDuringQueries} (load average after the queries)");
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>
/// The relevance evaluation set (Relevance/articles.json, Relevance/queries.json): a trilingual knowledge base and
/// graded queries as people type them (typos, missing words, no language, hyphens, codes, synonyms). Scores the
/// search with nDCG@5 (gain 2^grade − 1) and the share of queries that find nothing.
/// </summary>
internal sealed class RelevanceEvaluation
{
    public const int Depth = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private RelevanceEvaluation(List<EvalArticle> articles, EvalQueries queries)
    {
        Articles = articles;
        Queries = queries;
    }

    public List<EvalArticle> Articles { get; }

    public EvalQueries Queries { get; }

    public static RelevanceEvaluation Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Relevance");
        var articles = JsonSerializer.Deserialize<List<EvalArticle>>(File.ReadAllText(Path.Combine(folder, "articles.json")), Json)!;
        var queries = JsonSerializer.Deserialize<EvalQueries>(File.ReadAllText(Path.Combine(folder, "queries.json")), Json)!;
        return new RelevanceEvaluation(articles, queries);
    }

    /// <summary>A stable id per article key, so judgments survive reordering the file.</summary>
    public static Guid IdOf(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));

    public IReadOnlyList<IndexedArticle> Indexed() =>
        [.. Articles.Select(a => SampleArticles.Make(IdOf(a.Key), a.Title, a.Body, a.Language, a.Category, [.. a.Tags]))];

    public async Task<EvalReport> RunAsync(Func<EvalQuery, Task<SearchResults>> search)
    {
        var keys = Articles.ToDictionary(a => IdOf(a.Key), a => a.Key);
        var scored = new List<EvalResult>();
        foreach (var query in Queries.Queries)
        {
            var results = await search(query);
            var found = results.Hits.Take(Depth).Select(h => keys.GetValueOrDefault(h.ArticleId, "?")).ToList();
            scored.Add(new EvalResult(query, found, Ndcg(query.Relevant, found), results.Total));
        }
        return new EvalReport(scored);
    }

    public static double Ndcg(IReadOnlyDictionary<string, int> judged, IReadOnlyList<string> found)
    {
        static double Gain(int grade, int rank) => (Math.Pow(2, grade) - 1) / Math.Log2(rank + 2);
        var dcg = found.Take(Depth).Select((key, rank) => Gain(judged.GetValueOrDefault(key), rank)).Sum();
        var ideal = judged.Values.OrderDescending().Take(Depth).Select((grade, rank) => Gain(grade, rank)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }
}

internal sealed record EvalArticle(string Key, string Language, string Category, string[] Tags, string Title, string Body);

internal sealed record EvalQuery(string Query, string? Language, Dictionary<string, int> Relevant)
{
    /// <summary>The language of the best answer: what the person typing most likely reads.</summary>
    public string Intent => Relevant.MaxBy(r => r.Value).Key[..2];
}

internal sealed record EvalSynonyms(string Language, string[] Terms);

internal sealed record EvalQueries(List<EvalSynonyms> Synonyms, List<EvalQuery> Queries);

internal sealed record EvalResult(EvalQuery Query, IReadOnlyList<string> Found, double Ndcg, long Total);

internal sealed record EvalReport(IReadOnlyList<EvalResult> Results)
{
    public double Ndcg => Results.Average(r => r.Ndcg);

    public double NoResultRate => Results.Count(r => r.Total == 0) / (double)Results.Count;

    public double NdcgFor(string language) => Results.Where(r => r.Query.Intent == language).Average(r => r.Ndcg);

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Results.Count} queries: nDCG@{RelevanceEvaluation.Depth} {Ndcg:F3} (en {NdcgFor("en"):F3}, fr {NdcgFor("fr"):F3}, it {NdcgFor("it"):F3}), no results {NoResultRate:P1}");

    public IEnumerable<string> Worst(int count) => Results.OrderBy(r => r.Ndcg).Take(count).Select(r => string.Create(CultureInfo.InvariantCulture,
        $"{r.Ndcg:F2} \"{r.Query.Query}\"{(r.Query.Language is { } l ? $" [{l}]" : "")} → {string.Join(", ", r.Found)} (total {r.Total})"));
}

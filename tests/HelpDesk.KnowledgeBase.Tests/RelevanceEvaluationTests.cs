namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>
/// Fails the build when relevance drops: the evaluation set's nDCG@5 and no-result rate must stay within these
/// thresholds (set just under the figures measured when they were last raised; see docs/knowledge-base.md).
/// </summary>
public sealed class RelevanceEvaluationTests(ITestOutputHelper output)
{
    public const double MinimumNdcg = 0.96;
    public const double MinimumNdcgPerLanguage = 0.95;
    public const double MaximumNoResultRate = 0.025;

    [Fact]
    public async Task Lucene_search_keeps_its_relevance()
    {
        var evaluation = RelevanceEvaluation.Load();
        using var index = await SampleArticles.IndexAsync(evaluation.Indexed());
        index.Synonyms.Replace(evaluation.Queries.Synonyms.Select(s => (s.Language, (IReadOnlyList<string>)s.Terms)));

        var report = await evaluation.RunAsync(q => index.SearchAsync(q.Query, q.Language, pageSize: RelevanceEvaluation.Depth));

        output.WriteLine(report.Summary());
        foreach (var line in report.Worst(15))
        {
            output.WriteLine("  " + line);
        }
        Assert.True(report.Ndcg >= MinimumNdcg, $"nDCG@5 {report.Ndcg:F3} < {MinimumNdcg}: {report.Summary()}");
        foreach (var language in KbLanguages.Supported)
        {
            Assert.True(report.NdcgFor(language) >= MinimumNdcgPerLanguage, $"{language} nDCG@5 {report.NdcgFor(language):F3} < {MinimumNdcgPerLanguage}: {report.Summary()}");
        }
        Assert.True(report.NoResultRate <= MaximumNoResultRate, $"no-result rate {report.NoResultRate:P1} > {MaximumNoResultRate:P1}: {report.Summary()}");
    }
}

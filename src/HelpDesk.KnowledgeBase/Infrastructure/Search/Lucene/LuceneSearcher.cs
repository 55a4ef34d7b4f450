using HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.VectorHighlight;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// One search over an open index, in passes that stop as soon as the answer is good enough: an exact pass (no typo
/// expansion); if it finds fewer than <see cref="KnowledgeBaseOptions.FewResults"/>, the same with cached near
/// terms for typos; if still thin, any word may match (strict hits first, <c>relaxed: true</c>). Facets are counted
/// in the same collection pass as the top documents; snippets and stored fields only for the returned page.
/// </summary>
internal sealed class LuceneSearcher(LuceneQueryRenderer renderer, LuceneFilterCache filters, LuceneSpeller speller, LuceneSnippets snippets, int fewResults)
{
    /// <summary>The cached filter for typeahead (live, visibility, language).</summary>
    public Filter Filter(string? language, bool includeInternal) => filters.For(language, null, null, includeInternal);

    public SearchResults Search(IndexSearcher searcher, QueryPlan plan, SearchQuery query)
    {
        var reader = searcher.IndexReader;
        var filter = filters.For(query.Language, query.Category, query.Tag, query.IncludeInternal);
        var strict = query.Mode == MatchMode.Most;
        var want = Math.Max(query.Page * query.PageSize, fewResults);
        var outcome = Run(searcher, renderer.Render(plan, strict, typos: false, reader), filter, want, query.Facets, null);
        var thin = outcome.Total < fewResults;
        var typos = false;
        if (thin && plan.AllowsTypos)
        {
            var tolerant = Run(searcher, renderer.Render(plan, strict, typos: true, reader), filter, want, query.Facets, null);
            (outcome, typos) = tolerant.Total > outcome.Total ? (tolerant, true) : (outcome, false);
        }
        var relaxed = false;
        if (strict && outcome.Total < fewResults && plan.CanRelax)
        {
            var any = Run(searcher, renderer.Render(plan, strict: false, typos: plan.AllowsTypos, reader), filter, want, query.Facets, outcome);
            (outcome, relaxed) = any.Total > outcome.Total ? (any, true) : (outcome, false);
            typos |= relaxed && plan.AllowsTypos;
        }
        var didYouMean = thin && query.Spelling ? speller.DidYouMean(reader, plan.Words) : null;
        return new SearchResults(outcome.Total, query.Page, query.PageSize, Page(searcher, outcome, query), outcome.Facets, relaxed, didYouMean, typos);
    }

    /// <summary>
    /// Collects the top <paramref name="want"/> documents and the facets in one pass. With <paramref name="first"/>
    /// (a thin strict pass) its documents lead, and the rest follow in this pass's order.
    /// </summary>
    private static LucenePass Run(IndexSearcher searcher, Query query, Filter filter, int want, bool countFacets, LucenePass? first)
    {
        var top = TopScoreDocCollector.Create(want, false);
        var facets = countFacets ? new FacetCountingCollector() : null;
        var excluded = first?.Docs.Select(d => d.Doc).ToHashSet();
        ICollector ranked = excluded is { Count: > 0 } ? new ExcludingCollector(top, excluded) : top;
        searcher.Search(query, filter, facets is null ? ranked : MultiCollector.Wrap(ranked, facets));
        var docs = top.GetTopDocs().ScoreDocs;
        var facetValues = facets?.Complete() ?? SearchFacets.Empty;
        return first is null
            ? new LucenePass(query, docs, top.TotalHits, facetValues)
            : new LucenePass(query, [.. first.Docs, .. docs.Take(Math.Max(0, want - first.Docs.Count))], first.Docs.Count + top.TotalHits, facetValues);
    }

    private List<SearchHit> Page(IndexSearcher searcher, LucenePass outcome, SearchQuery query)
    {
        var skip = (query.Page - 1) * query.PageSize;
        var page = outcome.Docs.Skip(skip).Take(query.PageSize).ToList();
        if (page.Count == 0)
        {
            return [];
        }
        FieldQuery prepared = snippets.Prepare(outcome.Query);
        var reader = searcher.IndexReader;
        var hits = new List<SearchHit>(page.Count);
        foreach (var scoreDoc in page)
        {
            hits.Add(LuceneDocValues.Hit(reader, scoreDoc.Doc, scoreDoc.Score, language => snippets.Snippet(prepared, reader, scoreDoc.Doc, language)));
        }
        return hits;
    }
}

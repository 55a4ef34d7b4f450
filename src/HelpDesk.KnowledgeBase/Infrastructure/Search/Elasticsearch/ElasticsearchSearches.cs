using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Elasticsearch;

/// <summary>Search requests (one per pass) and typeahead, and how their responses become results.</summary>
internal static class ElasticsearchSearches
{
    public const string DidYouMean = "did_you_mean";

    /// <summary>Highlighter marks: private-use characters, so that we (not Elasticsearch's html encoder) escape the text.</summary>
    private const string MarkOpen = "\uE000";
    private const string MarkClose = "\uE001";

    private static readonly string[] HitSource = ["id", "version", "title", "language", "category", "tags", "visibility"];

    public static SearchRequest Pass(string index, QueryPlan plan, SearchQuery query, Query scored, bool suggest) => new(index)
    {
        From = (query.Page - 1) * query.PageSize,
        Size = query.PageSize,
        TrackTotalHits = true,
        Query = new BoolQuery { Must = [scored], Filter = [ElasticsearchQueryRenderer.Filter(query.Language, query.Category, query.Tag, query.IncludeInternal)] },
        Source = new SourceConfig(new SourceFilter { Includes = Fields.FromStrings(HitSource) }),
        Aggregations = query.Facets ? Facets() : null,
        Highlight = Highlight(plan),
        Suggest = suggest ? Suggestions(plan) : null,
    };

    public static SearchRequest Typeahead(string index, string prefix, string? language, bool includeInternal, int limit) => new(index)
    {
        Size = limit,
        Source = new SourceConfig(new SourceFilter { Includes = Fields.FromStrings(["id", "title", "language"]) }),
        Query = new BoolQuery
        {
            Must = [new MultiMatchQuery(prefix) { Type = TextQueryType.BoolPrefix, Operator = Operator.And, Fields = Fields.FromStrings(["title_ac", "title_ac._2gram", "title_ac._3gram"]) }],
            Filter = [ElasticsearchQueryRenderer.Filter(language, null, null, includeInternal)],
        },
    };

    public static List<SearchHit> Hits(SearchResponse<ElasticsearchDocument> response) =>
        [.. response.Hits.Where(h => h.Source is not null).Select(Hit)];

    public static SearchFacets FacetsOf(SearchResponse<ElasticsearchDocument> response) => response.Aggregations is null
        ? SearchFacets.Empty
        : new SearchFacets(Buckets(response, "categories"), Buckets(response, "tags"), Buckets(response, "languages"));

    /// <summary>Each typed word Elasticsearch's term suggester found a closer indexed word for, replaced by it.</summary>
    public static string? Corrections(SearchResponse<ElasticsearchDocument> response, IReadOnlyList<string> words)
    {
        var suggestions = response.Suggest?.GetTerm(DidYouMean);
        if (suggestions is null)
        {
            return null;
        }
        var corrections = suggestions
            .Where(s => s.Options.Count > 0 && !s.Text.Any(char.IsDigit))
            .GroupBy(s => s.Text, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Options.First().Text, StringComparer.Ordinal);
        var corrected = words.Select(w => corrections.GetValueOrDefault(SpellingKey(w)) ?? w).ToList();
        return corrected.SequenceEqual(words) ? null : string.Join(' ', corrected);
    }

    private static SearchHit Hit(Hit<ElasticsearchDocument> hit)
    {
        var source = hit.Source!;
        var language = source.Language ?? "";
        var strict = hit.MatchedQueries?.Match(names => names?.Contains(ElasticsearchQueryRenderer.StrictName) == true, scores => scores?.ContainsKey(ElasticsearchQueryRenderer.StrictName) == true) == true;
        var snippet = hit.Highlight?.GetValueOrDefault(LuceneFields.BodyOf.GetValueOrDefault(language) ?? "")?.FirstOrDefault();
        return new SearchHit(
            Guid.Parse(hit.Id ?? source.Id),
            source.Version,
            source.Title ?? "",
            Marked(snippet ?? ""),
            (hit.Score ?? 0) - (strict ? ElasticsearchQueryRenderer.StrictBonus : 0),
            language,
            source.Category ?? "",
            source.Tags ?? [],
            source.Visibility == "internal" ? ArticleVisibility.Internal : ArticleVisibility.Published);
    }

    /// <summary>Escapes the fragment and turns the private-use marks into &lt;mark&gt; (accents stay readable; see SnippetBuilder).</summary>
    private static string Marked(string fragment) =>
        SnippetBuilder.Escape(fragment).Replace(MarkOpen, "<mark>", StringComparison.Ordinal).Replace(MarkClose, "</mark>", StringComparison.Ordinal);

    private static Dictionary<string, Aggregation> Facets() => new()
    {
        ["categories"] = new TermsAggregation { Field = "category", Size = 20 },
        ["tags"] = new TermsAggregation { Field = "tags", Size = 20 },
        ["languages"] = new TermsAggregation { Field = "language", Size = 10 },
    };

    private static Highlight Highlight(QueryPlan plan)
    {
        var fields = plan.Languages.Select(l => LuceneFields.BodyOf[l.Language]).Distinct()
            .Select(field => new KeyValuePair<Field, HighlightField>(field, new HighlightField
            {
                FragmentSize = SnippetBuilder.DefaultLength,
                NumberOfFragments = 1,
                NoMatchSize = SnippetBuilder.DefaultLength,
            }))
            .ToList();
        return new Highlight { PreTags = [MarkOpen], PostTags = [MarkClose], Fields = fields };
    }

    private static Suggester Suggestions(QueryPlan plan) => new()
    {
        Suggesters = new Dictionary<string, FieldSuggester>
        {
            [DidYouMean] = new()
            {
                Text = string.Join(' ', plan.Words),
                Term = new TermSuggester("spell") { SuggestMode = SuggestMode.Missing, MaxEdits = 2, PrefixLength = 1, MinWordLength = 4, Size = 1 },
            },
        },
    };

    private static List<FacetValue> Buckets(SearchResponse<ElasticsearchDocument> response, string name) =>
        [.. response.Aggregations?.GetStringTerms(name)?.Buckets.Select(b => new FacetValue(b.Key.ToString(), (int)b.DocCount)) ?? []];

    /// <summary>How the spell field's search analyzer reads a typed word (lower-case, unaccented, joined).</summary>
    private static string SpellingKey(string word) => Analysis.KbAnalysis.Shared.SpellingTerm(word) ?? word;
}

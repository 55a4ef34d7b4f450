using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.QueryDsl;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Elasticsearch;

/// <summary>
/// The same <see cref="QueryPlan"/> as Lucene, as query DSL: per language a bool query over that language's fields,
/// one clause per slot (the analyzed term as <c>term</c> queries on title ×2 and body, its alternatives, and on a typo
/// pass <c>fuzzy</c> queries), "most" slots via <c>minimum_should_match</c>, phrases as <c>match_phrase</c>.
/// </summary>
internal static class ElasticsearchQueryRenderer
{
    /// <summary>The name of the strict query inside a relaxed one: hits that matched it are ranked first.</summary>
    public const string StrictName = "strict";

    /// <summary>Added to the score of strict hits in a relaxed search (and taken off again): more than any any-word score.</summary>
    public const float StrictBonus = 10_000f;

    private const double AlternativeTieBreaker = 0.1;
    private const int AlternativeSlop = 2;

    public static Query Render(QueryPlan plan, bool strict, bool typos)
    {
        var languages = plan.Languages.Select(l => RenderLanguage(l, strict, typos)).ToList();
        return languages.Count == 1 ? languages[0] : new BoolQuery { Should = languages };
    }

    /// <summary>Any word may match; hits of the strict query get <see cref="StrictBonus"/> and are named <see cref="StrictName"/>.</summary>
    public static Query Relaxed(QueryPlan plan, bool typos) => new BoolQuery
    {
        Must = [Render(plan, strict: false, typos)],
        Should = [new ConstantScoreQuery { Filter = Render(plan, strict: true, typos), Boost = StrictBonus, QueryName = StrictName }],
    };

    public static Query Filter(string? language, string? category, string? tag, bool includeInternal)
    {
        var filters = new List<Query>
        {
            new TermQuery("state", "live"),
            includeInternal
                ? new TermsQuery { Field = "visibility", Terms = new TermsQueryField([FieldValue.String("published"), FieldValue.String("internal")]) }
                : new TermQuery("visibility", "published"),
        };
        if (language is not null)
        {
            filters.Add(new TermQuery("language", language));
        }
        if (category is not null)
        {
            filters.Add(new TermQuery("category", category));
        }
        if (tag is not null)
        {
            filters.Add(new TermQuery("tags", tag));
        }
        return new BoolQuery { Filter = filters };
    }

    private static Query RenderLanguage(LanguageQuery language, bool strict, bool typos)
    {
        var title = LuceneFields.TitleOf[language.Language];
        var body = LuceneFields.BodyOf[language.Language];
        var must = new List<Query>();
        var should = new List<Query>();
        foreach (var phrase in language.Phrases)
        {
            var clause = Phrase(title, body, phrase.Text);
            (strict ? must : should).Add(clause);
            if (!strict)
            {
                should.AddRange(phrase.Terms.Distinct(StringComparer.Ordinal).Select(term => TitleOrBody(title, body, term, 1f)));
            }
        }
        should.AddRange(language.Slots.Select(slot => SlotClause(slot, title, body, typos)));
        var minimum = strict ? language.MinimumShouldMatch(strict: true) : 1;
        var query = new BoolQuery { Must = must.Count > 0 ? must : null, Should = should };
        if (minimum > 1 || must.Count > 0)
        {
            query.MinimumShouldMatch = minimum;
        }
        return query;
    }

    /// <summary>The word in title or body, or else its best alternative (dis_max, as in Lucene: one spelling satisfies a slot).</summary>
    private static Query SlotClause(QuerySlot slot, string title, string body, bool typos)
    {
        var word = TitleOrBody(title, body, slot.Term, 1f);
        var withTypos = typos && slot.MaxEdits > 0;
        if (slot.Alternatives.Count == 0 && !withTypos)
        {
            return word;
        }
        var best = new List<Query> { word };
        foreach (var alternative in slot.Alternatives)
        {
            best.Add(alternative.Terms.Count == 1
                ? TitleOrBody(title, body, alternative.Terms[0], alternative.Weight)
                : Span(title, body, alternative.Terms, alternative.Weight));
        }
        if (withTypos)
        {
            best.Add(Fuzzy(title, slot, LuceneQueryRenderer.TitleBoost * LuceneQueryRenderer.TypoWeight));
            best.Add(Fuzzy(body, slot, LuceneQueryRenderer.TypoWeight));
        }
        return new DisMaxQuery { Queries = best, TieBreaker = AlternativeTieBreaker };
    }

    private static Query TitleOrBody(string title, string body, string term, float weight) => new BoolQuery
    {
        Should =
        [
            new TermQuery(title, term) { Boost = LuceneQueryRenderer.TitleBoost * weight },
            new TermQuery(body, term) { Boost = weight },
        ],
    };

    private static Query Phrase(string title, string body, string text) => new BoolQuery
    {
        Should =
        [
            new MatchPhraseQuery(title, text) { Slop = QueryPhrase.Slop, Boost = LuceneQueryRenderer.TitleBoost },
            new MatchPhraseQuery(body, text) { Slop = QueryPhrase.Slop },
        ],
    };

    /// <summary>A multi-word synonym, already analyzed: its terms in order, a little apart at most.</summary>
    private static Query Span(string title, string body, IReadOnlyList<string> terms, float weight)
    {
        Query Near(string field, float boost) => new SpanNearQuery
        {
            Clauses = [.. terms.Select(t => new SpanQuery { SpanTerm = new SpanTermQuery(field, t) })],
            Slop = AlternativeSlop,
            InOrder = true,
            Boost = boost,
        };
        return new BoolQuery { Should = [Near(title, LuceneQueryRenderer.TitleBoost * weight), Near(body, weight)] };
    }

    private static Query Fuzzy(string field, QuerySlot slot, float boost) => new FuzzyQuery(field, slot.Term)
    {
        Fuzziness = slot.MaxEdits,
        PrefixLength = 1,
        MaxExpansions = FuzzyExpander.MaxExpansions,
        Transpositions = true,
        Boost = boost,
    };
}

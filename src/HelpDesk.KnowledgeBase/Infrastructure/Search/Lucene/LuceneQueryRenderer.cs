using HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// Turns a <see cref="QueryPlan"/> into a Lucene query for one pass: per language a boolean query over that
/// language's fields (title ×2, body), one clause per slot holding the word, its alternatives and, on a typo pass,
/// its cached near terms; "most" or "any" slot must match; phrases are required on a strict pass.
/// </summary>
internal sealed class LuceneQueryRenderer(FuzzyExpander fuzzy)
{
    public const float TitleBoost = 2f;
    public const float TypoWeight = 0.35f;
    private const int AlternativeSlop = 2;

    /// <summary>How much the other matching alternatives of a slot add to the best one.</summary>
    private const float AlternativeTieBreaker = 0.1f;

    public Query Render(QueryPlan plan, bool strict, bool typos, IndexReader reader)
    {
        // Each language's query only matches articles of that language, so this "or" lets every article be judged by its own.
        var any = new BooleanQuery(disableCoord: true);
        foreach (var language in plan.Languages)
        {
            any.Add(RenderLanguage(language, strict, typos, reader), Occur.SHOULD);
        }
        return Simplified(any);
    }

    private Query RenderLanguage(LanguageQuery language, bool strict, bool typos, IndexReader reader)
    {
        var title = LuceneFields.TitleOf[language.Language];
        var body = LuceneFields.BodyOf[language.Language];
        var query = new BooleanQuery(disableCoord: true);
        foreach (var phrase in language.Phrases)
        {
            query.Add(Phrase(title, body, phrase.Terms, phrase.Positions, QueryPhrase.Slop, 1f), strict ? Occur.MUST : Occur.SHOULD);
            if (!strict)
            {
                // Relaxed: any word of a phrase may match on its own too.
                foreach (var term in phrase.Terms.Distinct(StringComparer.Ordinal))
                {
                    query.Add(TitleOrBody(title, body, term, 1f), Occur.SHOULD);
                }
            }
        }
        foreach (var slot in language.Slots)
        {
            query.Add(SlotClause(slot, title, body, typos, reader), Occur.SHOULD);
        }
        var minimum = strict ? language.MinimumShouldMatch(strict: true) : 1;
        // "At least one" of only-optional clauses is what a boolean query means anyway; saying so would cost Lucene its
        // fast disjunction scorer.
        if (minimum > 1 || query.Clauses.Any(c => c.Occur == Occur.MUST))
        {
            query.MinimumNumberShouldMatch = minimum;
        }
        return Simplified(query);
    }

    /// <summary>
    /// The word in title or body, or else its best alternative: a slot is satisfied by one spelling, so a hyphenated
    /// word indexed as parts and joined form, or a synonym beside the word, does not count twice.
    /// </summary>
    private Query SlotClause(QuerySlot slot, string title, string body, bool typos, IndexReader reader)
    {
        var word = TitleOrBody(title, body, slot.Term, 1f);
        var nearTerms = typos && slot.MaxEdits > 0 ? NearTerms(slot, title, body, reader) : [];
        if (slot.Alternatives.Count == 0 && nearTerms.Count == 0)
        {
            return word;
        }
        var best = new DisjunctionMaxQuery(AlternativeTieBreaker) { word };
        foreach (var alternative in slot.Alternatives)
        {
            best.Add(alternative.Terms.Count == 1
                ? TitleOrBody(title, body, alternative.Terms[0], alternative.Weight)
                : Phrase(title, body, alternative.Terms, [.. Enumerable.Range(0, alternative.Terms.Count)], AlternativeSlop, alternative.Weight));
        }
        foreach (var near in nearTerms)
        {
            best.Add(near);
        }
        return best;
    }

    /// <summary>Cached near spellings (typos) of the slot's term, each weighted by its similarity.</summary>
    private List<Query> NearTerms(QuerySlot slot, string title, string body, IndexReader reader)
    {
        var near = new List<Query>();
        foreach (var candidate in fuzzy.Expand(reader, title, slot.Term, slot.MaxEdits))
        {
            near.Add(new TermQuery(new Term(title, candidate.Term)) { Boost = TitleBoost * TypoWeight * candidate.Similarity });
        }
        foreach (var candidate in fuzzy.Expand(reader, body, slot.Term, slot.MaxEdits))
        {
            near.Add(new TermQuery(new Term(body, candidate.Term)) { Boost = TypoWeight * candidate.Similarity });
        }
        return near;
    }

    /// <summary>A boolean query of one optional clause is that clause (one scorer fewer per document).</summary>
    private static Query Simplified(BooleanQuery query) =>
        query.Clauses.Count == 1 && query.Clauses[0].Occur == Occur.SHOULD && query.MinimumNumberShouldMatch <= 1 && query.Boost == 1f
            ? query.Clauses[0].Query
            : query;

    private static BooleanQuery TitleOrBody(string title, string body, string term, float weight) => new(disableCoord: true)
    {
        { new TermQuery(new Term(title, term)) { Boost = TitleBoost * weight }, Occur.SHOULD },
        { new TermQuery(new Term(body, term)) { Boost = weight }, Occur.SHOULD },
    };

    private static BooleanQuery Phrase(string title, string body, IReadOnlyList<string> terms, IReadOnlyList<int> positions, int slop, float weight)
    {
        var clause = new BooleanQuery(disableCoord: true);
        foreach (var (field, boost) in new[] { (title, TitleBoost * weight), (body, weight) })
        {
            var phrase = new PhraseQuery { Boost = boost, Slop = slop };
            for (var i = 0; i < terms.Count; i++)
            {
                phrase.Add(new Term(field, terms[i]), positions[i]);
            }
            clause.Add(phrase, Occur.SHOULD);
        }
        return clause;
    }
}

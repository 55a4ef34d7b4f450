using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// Typo tolerance without a Levenshtein automaton per query: the indexed terms near a typed term are enumerated once
/// per index reader (<see cref="FuzzyTermsEnum"/>, prefix 1, transpositions), the best few kept and cached until the
/// reader changes. Queries then use plain term queries for them.
/// </summary>
internal sealed class FuzzyExpander
{
    /// <summary>Near terms kept per typed term: the closest, then the most frequent.</summary>
    public const int MaxExpansions = 8;

    private const int MaxCachedTerms = 50_000;
    private readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<(string Field, string Term, int Edits), FuzzyCandidate[]>> _cache = new();

    public IReadOnlyList<FuzzyCandidate> Expand(IndexReader reader, string field, string term, int maxEdits)
    {
        var perReader = _cache.GetValue(reader, _ => new());
        if (perReader.Count > MaxCachedTerms)
        {
            perReader.Clear();
        }
        return perReader.GetOrAdd((field, term, maxEdits), key => Compute(reader, key.Field, key.Term, key.Edits, MaxExpansions, includeSelf: false));
    }

    /// <summary>The closest indexed terms to <paramref name="term"/>, best first (also used by "did you mean").</summary>
    public static FuzzyCandidate[] Compute(IndexReader reader, string field, string term, int maxEdits, int limit, bool includeSelf)
    {
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null || maxEdits <= 0)
        {
            return [];
        }
        var attributes = new AttributeSource();
        var fuzzy = new FuzzyTermsEnum(terms, attributes, new Term(field, term), maxEdits, 1, true);
        var boost = fuzzy.Attributes.AddAttribute<IBoostAttribute>();
        var found = new List<FuzzyCandidate>();
        while (fuzzy.MoveNext())
        {
            var text = fuzzy.Term.Utf8ToString();
            if (includeSelf || text != term)
            {
                found.Add(new FuzzyCandidate(text, boost.Boost, fuzzy.DocFreq));
            }
        }
        return [.. found.OrderByDescending(c => c.Similarity).ThenByDescending(c => c.DocFreq).ThenBy(c => c.Term, StringComparer.Ordinal).Take(limit)];
    }
}

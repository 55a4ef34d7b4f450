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
    private readonly ConditionalWeakTable<IndexReader, ReaderTerms> _cache = new();

    public IReadOnlyList<FuzzyCandidate> Expand(IndexReader reader, string field, string term, int maxEdits)
    {
        var perReader = _cache.GetValue(reader, _ => new());
        var key = (field, term, maxEdits);
        if (perReader.Terms.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var computed = Compute(reader, field, term, maxEdits, MaxExpansions, includeSelf: false);
        // Counted here, not with ConcurrentDictionary.Count: that takes every one of the dictionary's locks (hundreds
        // once it has grown), per query term of every ticket's suggestion search: 9 % of the embedded process's CPU.
        if (Interlocked.Increment(ref perReader.Added) > MaxCachedTerms)
        {
            perReader.Terms.Clear();
            Interlocked.Exchange(ref perReader.Added, 0);
        }
        return perReader.Terms.GetOrAdd(key, computed);
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

    /// <summary>One reader's cached expansions and how many were added since the last clear.</summary>
    private sealed class ReaderTerms
    {
        public readonly ConcurrentDictionary<(string Field, string Term, int Edits), FuzzyCandidate[]> Terms = new();
        public int Added;
    }
}

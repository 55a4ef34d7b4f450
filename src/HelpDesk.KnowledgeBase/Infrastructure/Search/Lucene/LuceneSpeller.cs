using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;
using Lucene.Net.Index;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// "Did you mean": each typed word the index has never seen is replaced by the closest word it has (fewest edits,
/// then the most articles), taken from the unstemmed vocabulary (<see cref="LuceneFields.Spelling"/>), so the
/// suggestion is made of the knowledge base's own words.
/// </summary>
internal sealed class LuceneSpeller(KbAnalysis analysis)
{
    private const int MaxCachedWords = 20_000;
    private readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<string, string?>> _cache = new();

    public string? DidYouMean(IndexReader reader, IReadOnlyList<string> words)
    {
        var corrected = false;
        var result = new List<string>(words.Count);
        foreach (var word in words)
        {
            var correction = Correct(reader, word);
            corrected |= correction is not null;
            result.Add(correction ?? word);
        }
        return corrected ? string.Join(' ', result) : null;
    }

    private string? Correct(IndexReader reader, string word)
    {
        if (analysis.SpellingTerm(word) is not { Length: >= 4 } term || term.Any(char.IsDigit))
        {
            return null;
        }
        var perReader = _cache.GetValue(reader, _ => new());
        if (perReader.Count > MaxCachedWords)
        {
            perReader.Clear();
        }
        return perReader.GetOrAdd(term, t => reader.DocFreq(new Term(LuceneFields.Spelling, t)) > 0
            ? null
            : FuzzyExpander.Compute(reader, LuceneFields.Spelling, t, 2, 1, includeSelf: false).FirstOrDefault()?.Term);
    }
}

using HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Synonyms;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;

/// <summary>
/// Reads a query the same way for every backend: words and quoted phrases (no query syntax: + - ( ) : * and the
/// like are ordinary punctuation, so no input can fail to parse), each word analyzed per language, adjacent words
/// also tried joined, and the language's synonyms added as alternatives.
/// </summary>
public sealed class QueryPlanner(KbAnalysis analysis, SynonymCatalog synonyms)
{
    /// <summary>Words beyond this many add little but cost; the rest of a very long query is ignored.</summary>
    public const int MaxWords = 32;

    /// <summary>Two typed words are tried as one only when one of them is this short ("wi fi", "e mail", "log in", "one drive").</summary>
    public const int MaxJoinedPart = 4;

    public QueryPlan Plan(string text, string? language)
    {
        var parsed = QueryText.Parse(text);
        var words = parsed.Words.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxWords).ToList();
        var phrases = parsed.Phrases.Take(MaxWords).ToList();
        var joins = parsed.Adjacent
            .Where(pair => Math.Min(pair.First.Length, pair.Second.Length) <= MaxJoinedPart)
            .Select(pair => (First: words.FindIndex(w => string.Equals(w, pair.First, StringComparison.OrdinalIgnoreCase)), Second: words.FindIndex(w => string.Equals(w, pair.Second, StringComparison.OrdinalIgnoreCase)), Joined: pair.First + pair.Second))
            .Where(pair => pair.First >= 0 && pair.Second >= 0 && pair.First != pair.Second)
            .ToList();
        IReadOnlyList<string> languages = language is null ? KbLanguages.Supported : [language];
        return new QueryPlan(words, [.. languages.Select(l => PlanLanguage(l, words, joins, phrases)).Where(q => !q.IsEmpty)]);
    }

    private LanguageQuery PlanLanguage(string language, List<string> words, List<(int First, int Second, string Joined)> joins, List<string> phrases)
    {
        var terms = words.Select(w => analysis.QueryTerm(language, w)).ToList();
        var alternatives = words.Select(_ => new List<QueryAlternative>()).ToList();
        AddJoinedWords(language, joins, terms, alternatives);
        AddSynonyms(synonyms.For(language), terms, alternatives);
        var slots = new List<QuerySlot>();
        for (var i = 0; i < words.Count; i++)
        {
            if (terms[i] is { } term && !slots.Any(s => s.Term == term))
            {
                var distinct = alternatives[i].Where(a => !(a.Terms.Count == 1 && a.Terms[0] == term)).DistinctBy(a => string.Join(' ', a.Terms)).ToList();
                slots.Add(new QuerySlot(words[i], term, QuerySlot.AllowedEdits(term), distinct));
            }
        }
        return new LanguageQuery(language, slots, [.. phrases.Select(p => Phrase(language, p)).OfType<QueryPhrase>()]);
    }

    /// <summary>"wi fi" may be written "wifi": the joined word is an alternative of both slots (even a stop word's: "e mail").</summary>
    private void AddJoinedWords(string language, List<(int First, int Second, string Joined)> joins, List<string?> terms, List<List<QueryAlternative>> alternatives)
    {
        foreach (var (first, second, text) in joins)
        {
            if (analysis.QueryTerm(language, text) is not { } joined || joined == terms[first] || joined == terms[second])
            {
                continue;
            }
            var alternative = new QueryAlternative([joined], AlternativeKind.Joined);
            alternatives[first].Add(alternative);
            alternatives[second].Add(alternative);
        }
    }

    /// <summary>Every run of consecutive terms (stop words skipped) that is a synonym member gets the group's other members.</summary>
    private static void AddSynonyms(SynonymSet set, List<string?> terms, List<List<QueryAlternative>> alternatives)
    {
        if (set.Count == 0)
        {
            return;
        }
        var present = terms.Select((term, index) => (term, index)).Where(t => t.term is not null).ToList();
        for (var start = 0; start < present.Count; start++)
        {
            for (var length = 1; length <= set.LongestKey && start + length <= present.Count; length++)
            {
                var run = present.GetRange(start, length);
                foreach (var synonym in set.For(run.Select(t => t.term!)))
                {
                    foreach (var (_, index) in run)
                    {
                        alternatives[index].Add(new QueryAlternative(synonym, AlternativeKind.Synonym));
                    }
                }
            }
        }
    }

    private QueryPhrase? Phrase(string language, string phrase)
    {
        var tokens = KbAnalyzers.Analyze(analysis.Query(language), "q", phrase);
        if (tokens.Count == 0)
        {
            return null;
        }
        var first = tokens[0].Position;
        return new QueryPhrase(phrase, [.. tokens.Select(t => t.Term)], [.. tokens.Select(t => t.Position - first)]);
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// Turns user text into a Lucene query over the per-language fields (title_en, body_fr…): each word is analyzed by
/// each language's analyzer, matched exactly (title boosted) and, as a weaker clause, fuzzily for typos; quoted
/// phrases must match as phrases. Also returns the analyzed terms per language so snippets mark what matched.
/// </summary>
public sealed class LuceneQueryBuilder(IReadOnlyDictionary<string, Analyzer> analyzers)
{
    private const float TitleBoost = 2f;
    private const float FuzzyWeight = 0.35f;

    public sealed record Built(Query? Query, IReadOnlyDictionary<string, List<SnippetTerm>> TermsByLanguage);

    public Built Build(QueryText text, IReadOnlyList<string> languages, MatchMode mode)
    {
        var terms = languages.ToDictionary(l => l, _ => new List<SnippetTerm>());
        var wordClauses = text.Words.Select(word => WordClause(word, languages, terms)).OfType<Query>().ToList();
        var phraseClauses = text.Phrases.Select(phrase => PhraseClause(phrase, languages, terms)).OfType<Query>().ToList();
        if (wordClauses.Count == 0 && phraseClauses.Count == 0)
        {
            return new Built(null, terms);
        }
        var query = new BooleanQuery(disableCoord: true);
        foreach (var phrase in phraseClauses)
        {
            query.Add(phrase, Occur.MUST);
        }
        foreach (var word in wordClauses)
        {
            query.Add(word, Occur.SHOULD);
        }
        if (wordClauses.Count > 0)
        {
            query.MinimumNumberShouldMatch = mode == MatchMode.Any ? 1 : MostOf(wordClauses.Count);
        }
        return new Built(query, terms);
    }

    /// <summary>One word in every searched language: exact title/body terms, plus weaker fuzzy ones; null for a stop word.</summary>
    private BooleanQuery? WordClause(string word, IReadOnlyList<string> languages, Dictionary<string, List<SnippetTerm>> terms)
    {
        var analyzed = languages.ToDictionary(l => l, l => KbAnalyzers.Analyze(analyzers[l], "body_" + l, word));
        // A stop word in any searched language carries no meaning for this query ("la", "the", "come").
        if (analyzed.Values.Any(tokens => tokens.Count == 0))
        {
            return null;
        }
        var clause = new BooleanQuery(disableCoord: true);
        foreach (var (language, tokens) in analyzed)
        {
            if (tokens.Count > 1)
            {
                AddPhrase(clause, language, tokens);
                terms[language].AddRange(tokens.Select(t => new SnippetTerm(t.Term, 0)));
                continue;
            }
            var term = tokens[0].Term;
            var edits = AllowedEdits(term);
            terms[language].Add(new SnippetTerm(term, edits));
            clause.Add(new TermQuery(new Term("title_" + language, term)) { Boost = TitleBoost }, Occur.SHOULD);
            clause.Add(new TermQuery(new Term("body_" + language, term)), Occur.SHOULD);
            if (edits > 0)
            {
                clause.Add(new FuzzyQuery(new Term("title_" + language, term), edits, 1, 50, true) { Boost = TitleBoost * FuzzyWeight }, Occur.SHOULD);
                clause.Add(new FuzzyQuery(new Term("body_" + language, term), edits, 1, 50, true) { Boost = FuzzyWeight }, Occur.SHOULD);
            }
        }
        return clause;
    }

    /// <summary>A quoted phrase in every searched language; null when it is only stop words everywhere.</summary>
    private BooleanQuery? PhraseClause(string phrase, IReadOnlyList<string> languages, Dictionary<string, List<SnippetTerm>> terms)
    {
        var clause = new BooleanQuery(disableCoord: true);
        foreach (var language in languages)
        {
            var tokens = KbAnalyzers.Analyze(analyzers[language], "body_" + language, phrase);
            if (tokens.Count == 0)
            {
                continue;
            }
            AddPhrase(clause, language, tokens);
            terms[language].AddRange(tokens.Select(t => new SnippetTerm(t.Term, 0)));
        }
        return clause.Clauses.Count > 0 ? clause : null;
    }

    /// <summary>Like Elasticsearch's "2&lt;75%": up to two words all must match, beyond that three quarters.</summary>
    public static int MostOf(int count) => count <= 2 ? count : Math.Max(2, (int)Math.Floor(count * 0.75));

    /// <summary>Typos allowed for a term: none for short words, one up to six letters, two beyond.</summary>
    public static int AllowedEdits(string term) => term.Length switch
    {
        < 4 => 0,
        < 7 => 1,
        _ => 2,
    };

    private static void AddPhrase(BooleanQuery clause, string language, List<AnalyzedToken> tokens)
    {
        foreach (var (field, boost) in new[] { ("title_" + language, TitleBoost), ("body_" + language, 1f) })
        {
            var phrase = new PhraseQuery { Boost = boost };
            var first = tokens[0].Position;
            foreach (var token in tokens)
            {
                phrase.Add(new Term(field, token.Term), token.Position - first);
            }
            clause.Add(phrase, Occur.SHOULD);
        }
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// Language analysis shared by indexing, querying and snippets: tokenize, drop elided articles (l', dell'…),
/// lower-case, remove stop words, fold accents (so "systeme" finds "système"), then stem. Folding comes before
/// stemming so accented and unaccented spellings reach the same stem.
/// </summary>
public static class KbAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    internal static readonly CharArraySet ItalianArticles = new(Version,
        ["c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"],
        ignoreCase: true);

    public static Analyzer ForLanguage(string language) => language switch
    {
        "en" => new KbLanguageAnalyzer(language),
        "fr" => new KbLanguageAnalyzer(language),
        "it" => new KbLanguageAnalyzer(language),
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "No analyzer for this language."),
    };

    /// <summary>Title prefixes for typeahead: every word is indexed as its leading 1–20 characters.</summary>
    public static Analyzer EdgeNGrams() => new KbPrefixAnalyzer(index: true);

    /// <summary>The query side of typeahead: the same folding, no n-grams.</summary>
    public static Analyzer PrefixQuery() => new KbPrefixAnalyzer(index: false);

    /// <summary>Runs <paramref name="analyzer"/> over <paramref name="text"/>: the terms with their positions and character offsets.</summary>
    public static List<AnalyzedToken> Analyze(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<AnalyzedToken>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), position, offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return tokens;
    }
}

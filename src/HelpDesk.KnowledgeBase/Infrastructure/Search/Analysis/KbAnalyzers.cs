using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;

/// <summary>
/// Language analysis shared by indexing, querying (both backends: the Elasticsearch analyzers mirror these) and
/// snippets: split on whitespace, drop elided articles (l', dell'…), split and join words at hyphens and other
/// punctuation (<see cref="KbAnalysisMode"/>: "Wi-Fi", "wifi", "e-mail", "0x80070005" stay findable as written),
/// lower-case, remove the language's stop words, fold accents (so "systeme" finds "système"), then stem. Folding
/// comes before stemming so accented and unaccented spellings reach the same stem.
/// </summary>
public static class KbAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Index side: parts, joined forms and number parts ("KB5034441" → kb, 5034441, kb5034441).</summary>
    public const WordDelimiterFlags IndexWordDelimiters =
        WordDelimiterFlags.GENERATE_WORD_PARTS | WordDelimiterFlags.GENERATE_NUMBER_PARTS | WordDelimiterFlags.CATENATE_ALL | WordDelimiterFlags.SPLIT_ON_NUMERICS;

    /// <summary>Query side: only the joined form, so one typed word is one term.</summary>
    public const WordDelimiterFlags QueryWordDelimiters = WordDelimiterFlags.CATENATE_ALL;

    /// <summary>Elided French articles (l', qu', jusqu'…): Lucene's FrenchAnalyzer list, spelled out for Elasticsearch.</summary>
    public static readonly IReadOnlyList<string> FrenchElisions = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"];

    /// <summary>Elided Italian articles and prepositions (l', dell', un'…).</summary>
    public static readonly IReadOnlyList<string> ItalianElisions = ["c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"];

    /// <summary>What typographic apostrophes become (see <see cref="NormalizeApostrophes"/>).</summary>
    public static readonly IReadOnlyList<(string From, string To)> ApostropheMappings = [("\u2019", "'"), ("\u2018", "'"), ("\u02BC", "'")];

    internal static readonly CharArraySet FrenchArticles = new(Version, FrenchElisions.ToList(), ignoreCase: true);

    internal static readonly CharArraySet ItalianArticles = new(Version, ItalianElisions.ToList(), ignoreCase: true);

    public static Analyzer ForLanguage(string language, KbAnalysisMode mode = KbAnalysisMode.Index) =>
        KbLanguages.Supported.Contains(language)
            ? new KbLanguageAnalyzer(language, mode)
            : throw new ArgumentOutOfRangeException(nameof(language), language, "No analyzer for this language.");

    /// <summary>Unstemmed words for "did you mean" (see <see cref="KbSpellAnalyzer"/>).</summary>
    public static Analyzer Spelling(KbAnalysisMode mode) => new KbSpellAnalyzer(mode);

    /// <summary>Title prefixes for typeahead: every word is indexed as its leading 1–20 characters.</summary>
    public static Analyzer EdgeNGrams() => new KbPrefixAnalyzer(index: true);

    /// <summary>The query side of typeahead: the same folding, no n-grams.</summary>
    public static Analyzer PrefixQuery() => new KbPrefixAnalyzer(index: false);

    /// <summary>The stop words of a supported language (lower-case, as after the lower-case filter).</summary>
    public static CharArraySet StopWords(string language) => KbLanguageAnalyzer.StopWords(language);

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

    internal static TokenStream WordDelimiters(TokenStream stream, KbAnalysisMode mode, bool englishPossessive)
    {
        var flags = mode == KbAnalysisMode.Index ? IndexWordDelimiters : QueryWordDelimiters;
        if (englishPossessive)
        {
            flags |= WordDelimiterFlags.STEM_ENGLISH_POSSESSIVE;
        }
        return new WordDelimiterFilter(Version, stream, flags, null);
    }

    internal static TextReader NormalizeApostrophes(TextReader reader) => new ApostropheCharFilter(reader);
}

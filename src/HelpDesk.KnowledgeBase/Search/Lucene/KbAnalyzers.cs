using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace HelpDesk.KnowledgeBase.Search.Lucene;

/// <summary>
/// Language analysis shared by indexing, querying and snippets: tokenize, drop elided articles (l', dell'…),
/// lower-case, remove stop words, fold accents (so "systeme" finds "système"), then stem. Folding comes before
/// stemming so accented and unaccented spellings reach the same stem.
/// </summary>
public static class KbAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly CharArraySet ItalianArticles = new(Version,
        ["c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"],
        ignoreCase: true);

    public static Analyzer ForLanguage(string language) => language switch
    {
        "en" => new LanguageAnalyzer(language),
        "fr" => new LanguageAnalyzer(language),
        "it" => new LanguageAnalyzer(language),
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "No analyzer for this language."),
    };

    /// <summary>Title prefixes for typeahead: every word is indexed as its leading 1–20 characters.</summary>
    public static Analyzer EdgeNGrams() => new PrefixAnalyzer(index: true);

    /// <summary>The query side of typeahead: the same folding, no n-grams.</summary>
    public static Analyzer PrefixQuery() => new PrefixAnalyzer(index: false);

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

    private sealed class LanguageAnalyzer(string language) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new StandardFilter(Version, source);
            switch (language)
            {
                case "en":
                    stream = new EnglishPossessiveFilter(Version, stream);
                    stream = new LowerCaseFilter(Version, stream);
                    stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
                    stream = new ASCIIFoldingFilter(stream);
                    stream = new PorterStemFilter(stream);
                    break;
                case "fr":
                    stream = new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES);
                    stream = new LowerCaseFilter(Version, stream);
                    stream = new StopFilter(Version, stream, FrenchAnalyzer.DefaultStopSet);
                    stream = new ASCIIFoldingFilter(stream);
                    stream = new FrenchLightStemFilter(stream);
                    break;
                default:
                    stream = new ElisionFilter(stream, ItalianArticles);
                    stream = new LowerCaseFilter(Version, stream);
                    stream = new StopFilter(Version, stream, ItalianAnalyzer.DefaultStopSet);
                    stream = new ASCIIFoldingFilter(stream);
                    stream = new ItalianLightStemFilter(stream);
                    break;
            }
            return new TokenStreamComponents(source, stream);
        }
    }

    private sealed class PrefixAnalyzer(bool index) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new LowerCaseFilter(Version, source);
            stream = new ASCIIFoldingFilter(stream);
            if (index)
            {
                stream = new EdgeNGramTokenFilter(Version, stream, 1, 20);
            }
            return new TokenStreamComponents(source, stream);
        }
    }
}

public sealed record AnalyzedToken(string Term, int Position, int Start, int End);

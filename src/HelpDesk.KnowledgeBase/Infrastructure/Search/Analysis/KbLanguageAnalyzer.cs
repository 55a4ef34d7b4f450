using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Util;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;

/// <summary>The per-language chain described on <see cref="KbAnalyzers"/>.</summary>
internal sealed class KbLanguageAnalyzer(string language, KbAnalysisMode mode) : Analyzer
{
    protected override TextReader InitReader(string fieldName, TextReader reader) => KbAnalyzers.NormalizeApostrophes(reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new WhitespaceTokenizer(KbAnalyzers.Version, reader);
        TokenStream stream = source;
        if (Elisions(language) is { } articles)
        {
            stream = new ElisionFilter(stream, articles);
        }
        stream = KbAnalyzers.WordDelimiters(stream, mode, englishPossessive: language == "en");
        stream = new LowerCaseFilter(KbAnalyzers.Version, stream);
        stream = new StopFilter(KbAnalyzers.Version, stream, StopWords(language));
        stream = new ASCIIFoldingFilter(stream);
        stream = language switch
        {
            "en" => new PorterStemFilter(stream),
            "fr" => new FrenchLightStemFilter(stream),
            _ => new ItalianLightStemFilter(stream),
        };
        return new TokenStreamComponents(source, stream);
    }

    public static CharArraySet StopWords(string language) => language switch
    {
        "en" => EnglishAnalyzer.DefaultStopSet,
        "fr" => FrenchAnalyzer.DefaultStopSet,
        _ => ItalianAnalyzer.DefaultStopSet,
    };

    private static CharArraySet? Elisions(string language) => language switch
    {
        "fr" => KbAnalyzers.FrenchArticles,
        "it" => KbAnalyzers.ItalianArticles,
        _ => null,
    };
}

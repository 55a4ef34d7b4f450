using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>The per-language chain described on <see cref="KbAnalyzers"/>.</summary>
internal sealed class KbLanguageAnalyzer(string language) : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(KbAnalyzers.Version, reader);
        TokenStream stream = new StandardFilter(KbAnalyzers.Version, source);
        switch (language)
        {
            case "en":
                stream = new EnglishPossessiveFilter(KbAnalyzers.Version, stream);
                stream = new LowerCaseFilter(KbAnalyzers.Version, stream);
                stream = new StopFilter(KbAnalyzers.Version, stream, EnglishAnalyzer.DefaultStopSet);
                stream = new ASCIIFoldingFilter(stream);
                stream = new PorterStemFilter(stream);
                break;
            case "fr":
                stream = new ElisionFilter(stream, FrenchAnalyzer.DEFAULT_ARTICLES);
                stream = new LowerCaseFilter(KbAnalyzers.Version, stream);
                stream = new StopFilter(KbAnalyzers.Version, stream, FrenchAnalyzer.DefaultStopSet);
                stream = new ASCIIFoldingFilter(stream);
                stream = new FrenchLightStemFilter(stream);
                break;
            default:
                stream = new ElisionFilter(stream, KbAnalyzers.ItalianArticles);
                stream = new LowerCaseFilter(KbAnalyzers.Version, stream);
                stream = new StopFilter(KbAnalyzers.Version, stream, ItalianAnalyzer.DefaultStopSet);
                stream = new ASCIIFoldingFilter(stream);
                stream = new ItalianLightStemFilter(stream);
                break;
        }
        return new TokenStreamComponents(source, stream);
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;

/// <summary>
/// Words as people type them (lower-case, unaccented, not stemmed, stop words kept): the vocabulary "did you mean"
/// picks corrections from, so a suggestion is a real word of the knowledge base, not a stem.
/// </summary>
internal sealed class KbSpellAnalyzer(KbAnalysisMode mode) : Analyzer
{
    protected override TextReader InitReader(string fieldName, TextReader reader) => KbAnalyzers.NormalizeApostrophes(reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new WhitespaceTokenizer(KbAnalyzers.Version, reader);
        TokenStream stream = KbAnalyzers.WordDelimiters(source, mode, englishPossessive: false);
        stream = new LowerCaseFilter(KbAnalyzers.Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}

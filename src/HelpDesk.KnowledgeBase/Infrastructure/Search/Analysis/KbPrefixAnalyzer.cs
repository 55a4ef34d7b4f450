using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Analysis.Standard;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Analysis;

/// <summary>Folded words; at index time also their leading 1–20 characters (typeahead).</summary>
internal sealed class KbPrefixAnalyzer(bool index) : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(KbAnalyzers.Version, reader);
        TokenStream stream = new LowerCaseFilter(KbAnalyzers.Version, source);
        stream = new ASCIIFoldingFilter(stream);
        if (index)
        {
            stream = new EdgeNGramTokenFilter(KbAnalyzers.Version, stream, 1, 20);
        }
        return new TokenStreamComponents(source, stream);
    }
}

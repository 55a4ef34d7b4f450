using System.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.VectorHighlight;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// Snippets for the returned page only, by Lucene.Net.Highlighter's FastVectorHighlighter: it reads the body's
/// stored term vectors (positions and offsets), so nothing is re-analyzed; the ~180-character fragment with the
/// most query terms wins, matches are wrapped in &lt;mark&gt;, text is escaped. <see cref="SnippetBuilder"/> adds
/// what it cannot do (see there).
/// </summary>
internal sealed class LuceneSnippets
{
    private static readonly string[] PreTags = ["<mark>"];
    private static readonly string[] PostTags = ["</mark>"];
    private static readonly char[] Boundaries = [' ', '\t', '\n', '.', ',', ';', '!', '?'];
    private readonly FastVectorHighlighter _highlighter = new(phraseHighlight: true, fieldMatch: true);
    private readonly SimpleFragListBuilder _fragLists = new();
    private readonly EllipsisFragmentsBuilder _fragments = new(PreTags, PostTags, new SimpleBoundaryScanner(30, Boundaries));
    private readonly IEncoder _encoder = new EscapingEncoder();

    /// <summary>Prepared once per search: the query's terms by field.</summary>
    public FieldQuery Prepare(Query query) => _highlighter.GetFieldQuery(query);

    public string Snippet(FieldQuery prepared, IndexReader reader, int docId, string language)
    {
        var field = LuceneFields.BodyOf[language];
        var fragment = _highlighter.GetBestFragment(prepared, reader, docId, field, SnippetBuilder.DefaultLength, _fragLists, _fragments, PreTags, PostTags, _encoder);
        return fragment ?? SnippetBuilder.Opening(LuceneDocValues.Text(reader, docId, LuceneFields.BodyValues));
    }

    private sealed class EscapingEncoder : IEncoder
    {
        public string EncodeText(string originalText) => SnippetBuilder.Escape(originalText);
    }

    /// <summary>The score-ordered fragments builder, plus "…" where the fragment is cut from a longer body.</summary>
    private sealed class EllipsisFragmentsBuilder(string[] preTags, string[] postTags, IBoundaryScanner scanner)
        : ScoreOrderFragmentsBuilder(preTags, postTags, scanner)
    {
        [ThreadStatic]
        private static (int Start, int Length) t_source;

        /// <summary>The body is not a stored field: it is read from doc values (uncompressed, no stored-field block to inflate).</summary>
        protected override Field[] GetFields(IndexReader reader, int docId, string fieldName) =>
            [new StoredField(fieldName, LuceneDocValues.Text(reader, docId, LuceneFields.BodyValues))];

        protected override string GetFragmentSourceMSO(StringBuilder buffer, int[] index, Field[] values, int startOffset, int endOffset, int[] modifiedStartOffset)
        {
            var source = base.GetFragmentSourceMSO(buffer, index, values, startOffset, endOffset, modifiedStartOffset);
            t_source = (modifiedStartOffset[0], source.Length);
            return source;
        }

        protected override string MakeFragment(StringBuilder buffer, int[] index, Field[] values, FieldFragList.WeightedFragInfo fragInfo, string[] preTags, string[] postTags, IEncoder encoder)
        {
            var fragment = base.MakeFragment(buffer, index, values, fragInfo, preTags, postTags, encoder);
            var textLength = values.Sum(v => v.GetStringValue()?.Length ?? 0);
            return SnippetBuilder.WithEllipses(fragment, t_source.Start, t_source.Start + t_source.Length, textLength);
        }
    }
}

using Lucene.Net.Index;
using Lucene.Net.Util;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>Reads what a hit shows (id, version, title, body, labels) from doc values, by index-wide doc id.</summary>
internal static class LuceneDocValues
{
    public static (AtomicReader Reader, int Doc) Leaf(IndexReader reader, int doc)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        return (leaf.AtomicReader, doc - leaf.DocBase);
    }

    public static string Text(IndexReader reader, int doc, string field)
    {
        var (leaf, local) = Leaf(reader, doc);
        return Utf8(leaf.GetBinaryDocValues(field), local);
    }

    public static Guid Id(AtomicReader leaf, int doc)
    {
        var bytes = new BytesRef();
        leaf.GetBinaryDocValues(LuceneFields.IdValues).Get(doc, bytes);
        return new Guid(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length));
    }

    public static string Utf8(BinaryDocValues? values, int doc)
    {
        if (values is null)
        {
            return "";
        }
        var bytes = new BytesRef();
        values.Get(doc, bytes);
        return bytes.Utf8ToString();
    }

    /// <summary>The title and language of a typeahead suggestion.</summary>
    public static TypeaheadSuggestion Suggestion(IndexReader reader, int doc)
    {
        var (leaf, local) = Leaf(reader, doc);
        var facets = SegmentFacets.For(leaf);
        return new TypeaheadSuggestion(Id(leaf, local), Utf8(leaf.GetBinaryDocValues(LuceneFields.TitleValues), local), Label(facets.Languages, facets.LanguageOrds[local]));
    }

    /// <summary>Everything a search hit carries except its snippet and score.</summary>
    public static SearchHit Hit(IndexReader reader, int doc, double score, Func<string, string> snippet)
    {
        var (leaf, local) = Leaf(reader, doc);
        var facets = SegmentFacets.For(leaf);
        var language = Label(facets.Languages, facets.LanguageOrds[local]);
        var tags = new string[facets.TagStarts[local + 1] - facets.TagStarts[local]];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = facets.Tags[facets.TagOrds[facets.TagStarts[local] + i]];
        }
        return new SearchHit(
            Id(leaf, local),
            (int)(leaf.GetNumericDocValues(LuceneFields.VersionValues)?.Get(local) ?? 0),
            Utf8(leaf.GetBinaryDocValues(LuceneFields.TitleValues), local),
            snippet(language),
            score,
            language,
            Label(facets.Categories, facets.CategoryOrds[local]),
            tags,
            leaf.GetNumericDocValues(LuceneFields.VisibilityValues)?.Get(local) == 1 ? ArticleVisibility.Internal : ArticleVisibility.Published);
    }

    private static string Label(string[] values, int ord) => ord >= 0 ? values[ord] : "";
}

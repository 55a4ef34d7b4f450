using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// One segment's facet values as plain arrays (category, language and tag ordinals per document, and the strings
/// per ordinal), read from doc values once per segment and kept while the segment lives: counting a match is then
/// a few array reads, with no doc-values decoding per document per query.
/// </summary>
internal sealed class SegmentFacets
{
    private static readonly ConditionalWeakTable<object, SegmentFacets> Cache = new();

    private SegmentFacets(AtomicReader reader)
    {
        (Categories, CategoryOrds) = ReadSorted(reader.GetSortedDocValues(LuceneFields.CategoryValues), reader.MaxDoc);
        (Languages, LanguageOrds) = ReadSorted(reader.GetSortedDocValues(LuceneFields.LanguageValues), reader.MaxDoc);
        (Tags, TagStarts, TagOrds) = ReadSortedSet(reader.GetSortedSetDocValues(LuceneFields.TagValues), reader.MaxDoc);
    }

    public string[] Categories { get; }

    /// <summary>Per document: the ordinal into <see cref="Categories"/>, or -1.</summary>
    public int[] CategoryOrds { get; }

    public string[] Languages { get; }

    public int[] LanguageOrds { get; }

    public string[] Tags { get; }

    /// <summary>Document d's tags are <c>TagOrds[TagStarts[d]..TagStarts[d + 1]]</c>.</summary>
    public int[] TagStarts { get; }

    public int[] TagOrds { get; }

    public static SegmentFacets For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new SegmentFacets(reader));

    private static (string[] Values, int[] Ords) ReadSorted(SortedDocValues? values, int maxDoc)
    {
        var ords = new int[maxDoc];
        if (values is null)
        {
            Array.Fill(ords, -1);
            return ([], ords);
        }
        for (var doc = 0; doc < maxDoc; doc++)
        {
            ords[doc] = values.GetOrd(doc);
        }
        var strings = new string[values.ValueCount];
        var bytes = new BytesRef();
        for (var ord = 0; ord < strings.Length; ord++)
        {
            values.LookupOrd(ord, bytes);
            strings[ord] = bytes.Utf8ToString();
        }
        return (strings, ords);
    }

    private static (string[] Values, int[] Starts, int[] Ords) ReadSortedSet(SortedSetDocValues? values, int maxDoc)
    {
        var starts = new int[maxDoc + 1];
        if (values is null)
        {
            return ([], starts, []);
        }
        var ords = new List<int>(maxDoc * 2);
        for (var doc = 0; doc < maxDoc; doc++)
        {
            starts[doc] = ords.Count;
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                ords.Add((int)ord);
            }
        }
        starts[maxDoc] = ords.Count;
        var strings = new string[values.ValueCount];
        var bytes = new BytesRef();
        for (var ord = 0; ord < strings.Length; ord++)
        {
            values.LookupOrd(ord, bytes);
            strings[ord] = bytes.Utf8ToString();
        }
        return (strings, starts, [.. ords]);
    }
}

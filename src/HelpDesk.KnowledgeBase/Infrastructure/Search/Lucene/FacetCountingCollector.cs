using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// Counts category, tag and language values over every matching document (not just the page), in the same pass
/// that ranks them: per segment by ordinal into small arrays (<see cref="SegmentFacets"/>), turned into strings
/// once per segment, never per document.
/// </summary>
internal sealed class FacetCountingCollector : ICollector
{
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _languages = new(StringComparer.Ordinal);
    private SegmentFacets? _segment;
    private int[] _categoryCounts = [];
    private int[] _languageCounts = [];
    private int[] _tagCounts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        _segment = SegmentFacets.For(context.AtomicReader);
        _categoryCounts = new int[_segment.Categories.Length];
        _languageCounts = new int[_segment.Languages.Length];
        _tagCounts = new int[_segment.Tags.Length];
    }

    public void Collect(int doc)
    {
        var segment = _segment!;
        if (segment.CategoryOrds[doc] is var c and >= 0)
        {
            _categoryCounts[c]++;
        }
        if (segment.LanguageOrds[doc] is var l and >= 0)
        {
            _languageCounts[l]++;
        }
        for (var i = segment.TagStarts[doc]; i < segment.TagStarts[doc + 1]; i++)
        {
            _tagCounts[segment.TagOrds[i]]++;
        }
    }

    public SearchFacets Complete(int limit = 20)
    {
        FlushSegment();
        return new SearchFacets(Top(_categories, limit), Top(_tags, limit), Top(_languages, limit));
    }

    private static List<FacetValue> Top(Dictionary<string, int> counts, int limit) =>
        [.. counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(limit).Select(p => new FacetValue(p.Key, p.Value))];

    private void FlushSegment()
    {
        if (_segment is not { } segment)
        {
            return;
        }
        Fold(_categoryCounts, segment.Categories, _categories);
        Fold(_languageCounts, segment.Languages, _languages);
        Fold(_tagCounts, segment.Tags, _tags);
        _segment = null;
    }

    private static void Fold(int[] counts, string[] values, Dictionary<string, int> into)
    {
        for (var ord = 0; ord < counts.Length; ord++)
        {
            if (counts[ord] > 0)
            {
                into[values[ord]] = into.GetValueOrDefault(values[ord]) + counts[ord];
            }
        }
    }
}

using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// Counts category, tag and language values over every matching document (not just the page) from doc values:
/// per segment by ordinal, resolved to strings when the segment is done.
/// </summary>
internal sealed class FacetCountingCollector : ICollector
{
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _languages = new(StringComparer.Ordinal);
    private SortedDocValues? _category;
    private SortedDocValues? _language;
    private SortedSetDocValues? _tag;
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
        var reader = context.AtomicReader;
        _category = reader.GetSortedDocValues(LuceneFields.CategoryValues);
        _language = reader.GetSortedDocValues(LuceneFields.LanguageValues);
        _tag = reader.GetSortedSetDocValues(LuceneFields.TagValues);
        _categoryCounts = new int[_category?.ValueCount ?? 0];
        _languageCounts = new int[_language?.ValueCount ?? 0];
        _tagCounts = new int[_tag?.ValueCount ?? 0];
    }

    public void Collect(int doc)
    {
        if (_category is not null && _category.GetOrd(doc) is var c and >= 0)
        {
            _categoryCounts[c]++;
        }
        if (_language is not null && _language.GetOrd(doc) is var l and >= 0)
        {
            _languageCounts[l]++;
        }
        if (_tag is not null)
        {
            _tag.SetDocument(doc);
            long ord;
            while ((ord = _tag.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                _tagCounts[ord]++;
            }
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
        var bytes = new BytesRef();
        for (var ord = 0; ord < _categoryCounts.Length; ord++)
        {
            if (_categoryCounts[ord] > 0)
            {
                _category!.LookupOrd(ord, bytes);
                Add(_categories, bytes.Utf8ToString(), _categoryCounts[ord]);
            }
        }
        for (var ord = 0; ord < _languageCounts.Length; ord++)
        {
            if (_languageCounts[ord] > 0)
            {
                _language!.LookupOrd(ord, bytes);
                Add(_languages, bytes.Utf8ToString(), _languageCounts[ord]);
            }
        }
        for (var ord = 0; ord < _tagCounts.Length; ord++)
        {
            if (_tagCounts[ord] > 0)
            {
                _tag!.LookupOrd(ord, bytes);
                Add(_tags, bytes.Utf8ToString(), _tagCounts[ord]);
            }
        }
        _categoryCounts = _languageCounts = _tagCounts = [];
    }

    private static void Add(Dictionary<string, int> counts, string key, int count) =>
        counts[key] = counts.GetValueOrDefault(key) + count;
}

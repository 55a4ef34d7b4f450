using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// Filters (live, visibility, language, category, tag) as cached doc-id sets per segment: most searches share a
/// handful of combinations, so the set is computed once per segment, not per query, and survives refreshes.
/// </summary>
internal sealed class LuceneFilterCache
{
    private const int MaxFilters = 1024;
    private readonly ConcurrentDictionary<(string? Language, string? Category, string? Tag, bool Internal), Filter> _filters = new();

    public Filter For(string? language, string? category, string? tag, bool includeInternal)
    {
        if (_filters.Count > MaxFilters)
        {
            _filters.Clear();
        }
        return _filters.GetOrAdd((language, category, tag, includeInternal),
            key => new BitSetCachingFilter(new QueryWrapperFilter(FilterQuery(key.Language, key.Category, key.Tag, key.Internal))));
    }

    private static Query FilterQuery(string? language, string? category, string? tag, bool includeInternal)
    {
        var filter = new BooleanQuery(disableCoord: true)
        {
            { new TermQuery(new Term(LuceneFields.State, LuceneFields.Live)), Occur.MUST },
        };
        if (!includeInternal)
        {
            filter.Add(new TermQuery(new Term(LuceneFields.Visibility, "published")), Occur.MUST);
        }
        if (language is not null)
        {
            filter.Add(new TermQuery(new Term(LuceneFields.Language, language)), Occur.MUST);
        }
        if (category is not null)
        {
            filter.Add(new TermQuery(new Term(LuceneFields.Category, category)), Occur.MUST);
        }
        if (tag is not null)
        {
            filter.Add(new TermQuery(new Term(LuceneFields.Tag, tag)), Occur.MUST);
        }
        return filter;
    }
}

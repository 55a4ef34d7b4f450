using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>
/// Caches a filter per segment as a bit set, which offers random access: the query's scorer then skips filtered-out
/// documents by a bit test instead of leap-frogging two iterators (measured: that leap-frog was a quarter of the
/// search time with the default compressed cache).
/// </summary>
internal sealed class BitSetCachingFilter(Filter filter) : CachingWrapperFilter(filter)
{
    protected override DocIdSet CacheImpl(DocIdSetIterator iterator, AtomicReader reader)
    {
        var bits = new FixedBitSet(reader.MaxDoc);
        bits.Or(iterator);
        return bits;
    }
}

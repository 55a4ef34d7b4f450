using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>Passes every document except <paramref name="excluded"/> (index-wide doc ids) to <paramref name="inner"/>.</summary>
internal sealed class ExcludingCollector(ICollector inner, IReadOnlySet<int> excluded) : ICollector
{
    private int _docBase;

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        _docBase = context.DocBase;
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if (!excluded.Contains(_docBase + doc))
        {
            inner.Collect(doc);
        }
    }
}

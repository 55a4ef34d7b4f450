using Lucene.Net.Search;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Lucene;

/// <summary>What one pass found: its query (for snippets), the best documents in order, how many matched, the facets.</summary>
internal sealed record LucenePass(Query Query, IReadOnlyList<ScoreDoc> Docs, long Total, SearchFacets Facets);

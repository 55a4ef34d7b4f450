namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

/// <summary>Which index answers searches: Lucene.NET on this replica's disk, or a shared Elasticsearch cluster.</summary>
public enum SearchBackendKind { Lucene, Elasticsearch }

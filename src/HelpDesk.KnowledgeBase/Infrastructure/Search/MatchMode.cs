namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

/// <summary>Most: nearly every term must match (search box). Any: one term is enough, best first (ticket text).</summary>
public enum MatchMode { Most, Any }

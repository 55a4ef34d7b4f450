namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;

/// <summary>
/// A user's query analysed for every searched language, independent of the backend that runs it (Lucene renders it
/// to Lucene queries, Elasticsearch to query DSL): the same words, stop words, synonyms and relaxation everywhere.
/// </summary>
public sealed record QueryPlan(IReadOnlyList<string> Words, IReadOnlyList<LanguageQuery> Languages)
{
    /// <summary>Nothing to search for: only punctuation, or only words too common to search (stop words) in every searched language.</summary>
    public bool IsEmpty => Languages.Count == 0;

    public bool AllowsTypos => Languages.Any(l => l.AllowsTypos);

    /// <summary>True when "any word" would match more than the strict query (several words must match, or a phrase).</summary>
    public bool CanRelax => Languages.Any(l => l.Phrases.Count > 0 || l.MinimumShouldMatch(strict: true) > 1);
}

namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;

/// <summary>
/// The query as one language understands it: its own stop words removed, its own stems and synonyms. It only
/// matches articles of that language (their text lives in that language's fields), so for a query without a
/// language every article is judged by its own language's reading: the best language wins per article.
/// </summary>
public sealed record LanguageQuery(string Language, IReadOnlyList<QuerySlot> Slots, IReadOnlyList<QueryPhrase> Phrases)
{
    public bool IsEmpty => Slots.Count == 0 && Phrases.Count == 0;

    public bool AllowsTypos => Slots.Any(s => s.MaxEdits > 0);

    /// <summary>Slots that must match: "most" (like Elasticsearch's <c>2&lt;75%</c>) when strict, one when relaxed.</summary>
    public int MinimumShouldMatch(bool strict) => Slots.Count == 0 ? 0 : strict ? MostOf(Slots.Count) : 1;

    /// <summary>Up to two words all must match, beyond that three quarters.</summary>
    public static int MostOf(int count) => count <= 2 ? count : Math.Max(2, (int)Math.Floor(count * 0.75));
}

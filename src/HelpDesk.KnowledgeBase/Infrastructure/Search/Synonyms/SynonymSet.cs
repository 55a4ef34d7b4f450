namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Synonyms;

/// <summary>
/// One language's synonym groups, analyzed like queries: for a run of query terms ("ordinateur portable" →
/// ordinateur portabl), the other members of its groups, as analyzed term sequences. Immutable: a change builds a
/// new set, so queries never see half an update.
/// </summary>
public sealed class SynonymSet
{
    public static readonly SynonymSet Empty = new(new Dictionary<string, List<IReadOnlyList<string>>>(StringComparer.Ordinal), 0);

    private readonly Dictionary<string, List<IReadOnlyList<string>>> _alternatives;

    private SynonymSet(Dictionary<string, List<IReadOnlyList<string>>> alternatives, int longest)
    {
        _alternatives = alternatives;
        LongestKey = longest;
    }

    /// <summary>The most terms one member has: query runs longer than this cannot match a member.</summary>
    public int LongestKey { get; }

    public int Count => _alternatives.Count;

    /// <param name="groups">Each group's members as analyzed term sequences (members that analyze to nothing are dropped).</param>
    public static SynonymSet Build(IEnumerable<IReadOnlyList<IReadOnlyList<string>>> groups)
    {
        var map = new Dictionary<string, List<IReadOnlyList<string>>>(StringComparer.Ordinal);
        var longest = 0;
        foreach (var group in groups)
        {
            var members = group.Where(m => m.Count > 0).DistinctBy(Key).ToList();
            foreach (var member in members)
            {
                var key = Key(member);
                if (!map.TryGetValue(key, out var list))
                {
                    map[key] = list = [];
                }
                list.AddRange(members.Where(other => Key(other) != key && !list.Any(known => Key(known) == Key(other))));
                longest = Math.Max(longest, member.Count);
            }
        }
        return new SynonymSet(map, longest);
    }

    /// <summary>The alternatives for exactly this run of terms; empty when it is no member of any group.</summary>
    public IReadOnlyList<IReadOnlyList<string>> For(IEnumerable<string> terms) =>
        _alternatives.TryGetValue(string.Join(' ', terms), out var list) ? list : [];

    private static string Key(IReadOnlyList<string> terms) => string.Join(' ', terms);
}

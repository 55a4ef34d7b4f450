namespace HelpDesk.KnowledgeBase.Domain;

/// <summary>
/// Words an editor declares equivalent in one language (password, passcode; ordinateur portable, portable): a search
/// for any member also finds the others. Applied at query time, so a change needs no reindex.
/// </summary>
public sealed class SynonymGroup
{
    public const int MaxTerms = 20;
    public const int MaxTermLength = 64;

    private SynonymGroup()
    {
    }

    public Guid Id { get; private set; }

    public string Language { get; private set; } = "";

    public List<string> Terms { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static SynonymGroup Create(string language, IReadOnlyList<string> terms, DateTimeOffset now)
    {
        var group = new SynonymGroup { Id = Guid.CreateVersion7(), CreatedAt = now };
        group.Change(language, terms, now);
        return group;
    }

    /// <summary>Replaces the members; returns the event every replica reloads its synonyms on.</summary>
    public KbSynonymsChanged Change(string language, IReadOnlyList<string> terms, DateTimeOffset now)
    {
        var previous = Language;
        Language = language;
        Terms = [.. terms];
        UpdatedAt = now;
        return new KbSynonymsChanged(previous.Length > 0 && previous != language ? [previous, language] : [language], now);
    }

    public KbSynonymsChanged Removed(DateTimeOffset now) => new([Language], now);

    /// <summary>Members as stored: trimmed, inner spaces collapsed, lower-case, each once.</summary>
    public static List<string> Normalize(IEnumerable<string> terms) =>
        [.. terms.Select(t => string.Join(' ', t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant())
            .Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];
}

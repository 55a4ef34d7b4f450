namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;

/// <summary>
/// One typed word in one language: its analyzed <see cref="Term"/>, the typos a fuzzy pass may forgive, and the
/// alternatives (synonyms, joined spellings) that satisfy it as well. "Most words must match" counts slots.
/// </summary>
public sealed record QuerySlot(string Word, string Term, int MaxEdits, IReadOnlyList<QueryAlternative> Alternatives)
{
    /// <summary>Typos allowed for a term: none for short words or codes with digits, one up to six letters, two beyond.</summary>
    public static int AllowedEdits(string term) => term.Any(char.IsDigit) ? 0 : term.Length switch
    {
        < 4 => 0,
        < 7 => 1,
        _ => 2,
    };
}

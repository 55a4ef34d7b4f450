namespace HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;

/// <summary>A quoted phrase in one language: its analyzed terms with their relative positions (stop words leave gaps).</summary>
public sealed record QueryPhrase(string Text, IReadOnlyList<string> Terms, IReadOnlyList<int> Positions)
{
    /// <summary>
    /// One position of play: an indexed hyphenated word puts its joined form beside its first part ("Wi-Fi" → wi|wifi,
    /// fi), so "wifi certificate" must tolerate one position between the words.
    /// </summary>
    public const int Slop = 1;
}

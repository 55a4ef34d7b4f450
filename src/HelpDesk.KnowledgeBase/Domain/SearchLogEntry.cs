namespace HelpDesk.KnowledgeBase.Domain;

/// <summary>
/// One search as the analytics log keeps it: what was asked (as typed, and normalised for grouping), in which
/// language and with which filters, how many articles answered and how (relaxed, typo-tolerant), who asked (a
/// requester key, when known) and which article, if any, was opened from it.
/// </summary>
public sealed class SearchLogEntry
{
    public const int MaxQueryLength = 500;
    public const int MaxRequesterLength = 320;

    public Guid Id { get; init; }

    public DateTimeOffset At { get; init; }

    public required string Query { get; init; }

    /// <summary>Lower-case, single-spaced: "Reset  Password" and "reset password" count as one query in reports.</summary>
    public required string NormalizedQuery { get; init; }

    public string? Language { get; init; }

    public string? Category { get; init; }

    public string? Tag { get; init; }

    public long Total { get; init; }

    public bool Relaxed { get; init; }

    public bool TypoTolerant { get; init; }

    public string? DidYouMean { get; init; }

    public string? Requester { get; init; }

    public string? Channel { get; init; }

    public Guid? ClickedArticleId { get; private set; }

    public DateTimeOffset? ClickedAt { get; private set; }

    public int Clicks { get; private set; }

    public static string Normalize(string query)
    {
        var text = string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        return text.Length > MaxQueryLength ? text[..MaxQueryLength] : text;
    }

    /// <summary>The first click is the one reports use; later ones are counted.</summary>
    public void Clicked(Guid articleId, DateTimeOffset at)
    {
        if (ClickedArticleId is null)
        {
            (ClickedArticleId, ClickedAt) = (articleId, at);
        }
        Clicks++;
    }
}

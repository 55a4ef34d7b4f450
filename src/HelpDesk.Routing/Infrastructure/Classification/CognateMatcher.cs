namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// Carries an Italian or French stem the lexicon does not gloss to the English word of the model's vocabulary it
/// shares a long prefix with ("configurazion" → "configuration", "document" → "document"): desk vocabulary is full of
/// such cognates. A match needs at least <see cref="MinimumPrefix"/> shared letters and 60 % of the stem; among the
/// words sharing the longest prefix the shortest wins (then the first in ordinal order).
/// </summary>
public sealed class CognateMatcher(IEnumerable<string> englishWords)
{
    public const int MinimumPrefix = 6;

    private readonly string[] _words = englishWords.Where(w => w.Length >= MinimumPrefix && w.All(char.IsAsciiLetterLower))
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public string? Match(string stem)
    {
        if (stem.Length < MinimumPrefix || _words.Length == 0)
        {
            return null;
        }
        var index = Array.BinarySearch(_words, stem, StringComparer.Ordinal);
        if (index >= 0)
        {
            return _words[index];
        }
        // The longest prefix shared with any word is shared with one of the stem's two neighbours in sorted order.
        index = ~index;
        var longest = Math.Max(index > 0 ? Common(stem, _words[index - 1]) : 0, index < _words.Length ? Common(stem, _words[index]) : 0);
        if (longest < MinimumPrefix || longest < 0.6 * stem.Length)
        {
            return null;
        }
        string? best = null;
        for (var i = index - 1; i >= 0 && Common(stem, _words[i]) >= longest; i--)
        {
            best = Shorter(_words[i], best);
        }
        for (var i = index; i < _words.Length && Common(stem, _words[i]) >= longest; i++)
        {
            best = Shorter(_words[i], best);
        }
        return best;
    }

    private static string Shorter(string candidate, string? best) =>
        best is null || candidate.Length < best.Length || candidate.Length == best.Length && string.CompareOrdinal(candidate, best) < 0 ? candidate : best;

    private static int Common(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
        {
            length++;
        }
        return length;
    }
}

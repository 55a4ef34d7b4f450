using System.Text.RegularExpressions;

namespace HelpDesk.Intake.Domain;

/// <summary>
/// How alike two tickets' texts are, for storm detection: words lower-cased, and anything that varies per host or
/// per alert (numbers, host names with digits, IP addresses, hex ids) replaced by one token, then the Jaccard index
/// of the word sets. "Disk full on web-17 (92%)" and "Disk full on db-03 (97%)" are identical under it.
/// </summary>
public static partial class TextSimilarity
{
    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}._:/-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();

    public static string Signature(string subject, string description, int maxWords = 40)
    {
        var words = Word().Matches($"{subject} {description}").Select(m => Normalise(m.Value)).Distinct().Take(maxWords);
        return string.Join(' ', words.Order(StringComparer.Ordinal));
    }

    public static double Similarity(string signatureA, string signatureB)
    {
        var a = signatureA.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var b = signatureB.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (a.Count == 0 && b.Length == 0)
        {
            return 1;
        }
        var common = b.Count(a.Contains);
        return (double)common / (a.Count + b.Length - common);
    }

    private static string Normalise(string word) => Digit().IsMatch(word) ? "#" : word.ToLowerInvariant();
}

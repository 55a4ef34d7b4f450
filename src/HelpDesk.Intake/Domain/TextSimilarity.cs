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

    public static string Signature(string subject, string description, int maxWords = 40) =>
        string.Join(' ', Words(subject, description, maxWords));

    /// <summary>The distinct normalised words of a signature, in ordinal order (what <see cref="Signature"/> joins).</summary>
    private static string[] Words(string subject, string description, int maxWords = 40) =>
        [.. Word().Matches($"{subject} {description}").Select(m => Normalise(m.Value)).Distinct().Take(maxWords).Order(StringComparer.Ordinal)];

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

    /// <summary>
    /// The words of <see cref="Words"/> as sorted 64-bit hashes (FNV-1a): what storm detection keeps per recent ticket
    /// (a few hundred bytes) and compares by one merge, instead of re-reading and re-tokenising every recent text for
    /// each arrival. Two different words share a hash with odds of about 1 in 10^17.
    /// </summary>
    public static long[] Fingerprint(string subject, string description, int maxWords = 40)
    {
        var hashes = Words(subject, description, maxWords).Select(Hash).Distinct().ToArray();
        Array.Sort(hashes);
        return hashes;
    }

    /// <summary>The Jaccard index of two <see cref="Fingerprint"/>s, equal to <see cref="Similarity(string, string)"/> of their signatures.</summary>
    public static double Similarity(long[] a, long[] b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1;
        }
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return (double)common / (a.Length + b.Length - common);
    }

    /// <summary>
    /// Whether two word sets of these sizes can reach <paramref name="threshold"/> at all: the Jaccard index is at most
    /// the smaller size over the larger, so most unlike tickets are ruled out without looking at a word.
    /// </summary>
    public static bool CanReach(int sizeA, int sizeB, double threshold) =>
        sizeA == 0 && sizeB == 0 || (double)Math.Min(sizeA, sizeB) / Math.Max(sizeA, sizeB) >= threshold;

    private static string Normalise(string word) => Digit().IsMatch(word) ? "#" : word.ToLowerInvariant();

    private static long Hash(string word)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }
}

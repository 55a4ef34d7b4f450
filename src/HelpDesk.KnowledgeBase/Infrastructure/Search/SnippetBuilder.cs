using System.Text;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

/// <summary>
/// Picks the passage of a text that holds the most distinct query terms and marks them with &lt;mark&gt;.
/// Works on analyzed tokens with their character offsets, so "servers" is marked for the query "server" and
/// "pasword" marks "password". The text is HTML-escaped; only the mark tags are markup.
/// </summary>
public static class SnippetBuilder
{
    public const int DefaultLength = 180;

    public static string Build(string text, IReadOnlyList<(string Term, int Start, int End)> tokens, IReadOnlyCollection<SnippetTerm> queryTerms, int maxLength = DefaultLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        var matches = FindMatches(tokens, queryTerms);
        if (matches.Count == 0)
        {
            var end = WordEnd(text, Math.Min(text.Length, maxLength));
            return Escape(text[..end]) + (end < text.Length ? "…" : "");
        }
        var bestFirst = BestWindowStart(matches, maxLength);

        // Some context before the first match, starting at a word boundary.
        var windowStart = WordStart(text, Math.Max(0, matches[bestFirst].Start - (maxLength / 5)));
        var windowEnd = WordEnd(text, Math.Min(text.Length, windowStart + maxLength));
        if (windowEnd < matches[bestFirst].End)
        {
            windowEnd = matches[bestFirst].End;
        }

        var builder = new StringBuilder(maxLength + 64);
        if (windowStart > 0)
        {
            builder.Append('…');
        }
        var cursor = windowStart;
        foreach (var (start, end, _) in matches)
        {
            if (start < cursor || end > windowEnd)
            {
                continue;
            }
            builder.Append(Escape(text[cursor..start])).Append("<mark>").Append(Escape(text[start..end])).Append("</mark>");
            cursor = end;
        }
        builder.Append(Escape(text[cursor..windowEnd]));
        if (windowEnd < text.Length)
        {
            builder.Append('…');
        }
        return builder.ToString();
    }

    private static List<(int Start, int End, string Query)> FindMatches(IReadOnlyList<(string Term, int Start, int End)> tokens, IReadOnlyCollection<SnippetTerm> queryTerms)
    {
        var matches = new List<(int Start, int End, string Query)>();
        foreach (var token in tokens)
        {
            var hit = queryTerms.FirstOrDefault(q => Matches(token.Term, q));
            if (hit is not null)
            {
                matches.Add((token.Start, token.End, hit.Term));
            }
        }
        return matches;
    }

    /// <summary>The match a window should start at: the most distinct query terms (then most matches) within maxLength.</summary>
    private static int BestWindowStart(List<(int Start, int End, string Query)> matches, int maxLength)
    {
        var bestFirst = 0;
        var bestDistinct = -1;
        var bestCount = -1;
        for (var i = 0; i < matches.Count; i++)
        {
            var limit = matches[i].Start + maxLength;
            var distinct = new HashSet<string>();
            var count = 0;
            for (var j = i; j < matches.Count && matches[j].End <= limit; j++)
            {
                distinct.Add(matches[j].Query);
                count++;
            }
            if (distinct.Count > bestDistinct || (distinct.Count == bestDistinct && count > bestCount))
            {
                (bestFirst, bestDistinct, bestCount) = (i, distinct.Count, count);
            }
        }
        return bestFirst;
    }

    private static bool Matches(string term, SnippetTerm query) =>
        term == query.Term ||
        (query.MaxEdits > 0 && term.Length > 0 && query.Term.Length > 0 && term[0] == query.Term[0] &&
         Math.Abs(term.Length - query.Term.Length) <= query.MaxEdits && EditDistance(term, query.Term, query.MaxEdits) <= query.MaxEdits);

    /// <summary>Damerau–Levenshtein (optimal string alignment), the distance Lucene's FuzzyQuery uses with transpositions.</summary>
    public static int EditDistance(string a, string b, int cap)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }
                d[i, j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > cap)
            {
                return cap + 1;
            }
        }
        return d[a.Length, b.Length];
    }

    private static int WordStart(string text, int index)
    {
        if (index <= 0)
        {
            return 0;
        }
        var space = text.LastIndexOfAny([' ', '\n', '\t'], index);
        return space < 0 || index - space > 30 ? index : space + 1;
    }

    private static int WordEnd(string text, int index)
    {
        if (index >= text.Length)
        {
            return text.Length;
        }
        var space = text.IndexOfAny([' ', '\n', '\t'], index);
        return space < 0 || space - index > 30 ? index : space;
    }

    /// <summary>Escapes only what HTML needs (accents stay readable, unlike WebUtility.HtmlEncode's &amp;#233;).</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }
        return builder.ToString();
    }
}

using System.Text;

namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

/// <summary>
/// What the highlighters leave to us: the snippet of an article no query term matched in the body (a title-only
/// or typo match: the highlighter returns nothing, we show the opening at a word boundary), the "…" that says a
/// snippet is cut, and HTML escaping that keeps accents readable (Lucene's SimpleHTMLEncoder and
/// WebUtility.HtmlEncode turn "é" into "&amp;#233;").
/// </summary>
public static class SnippetBuilder
{
    public const int DefaultLength = 180;

    /// <summary>The opening of <paramref name="text"/>, cut at a word boundary near <paramref name="maxLength"/>, escaped.</summary>
    public static string Opening(string text, int maxLength = DefaultLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = WordEnd(text, Math.Min(text.Length, maxLength));
        return Escape(text[..end]) + (end < text.Length ? "…" : "");
    }

    /// <summary>Adds "…" where a fragment of <paramref name="textLength"/> characters starts after 0 or ends before the end.</summary>
    public static string WithEllipses(string fragment, int start, int end, int textLength) =>
        (start > 0 ? "…" : "") + fragment.Trim() + (end < textLength ? "…" : "");

    /// <summary>Escapes only what HTML needs (accents stay readable).</summary>
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

    private static int WordEnd(string text, int index)
    {
        if (index >= text.Length)
        {
            return text.Length;
        }
        var space = text.IndexOfAny([' ', '\n', '\t'], index);
        return space < 0 || space - index > 30 ? index : space;
    }
}

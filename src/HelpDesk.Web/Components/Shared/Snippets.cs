using System.Net;

namespace HelpDesk.Web.Components.Shared;

/// <summary>
/// KB snippets mark matched words with &lt;mark&gt;; everything else in them is article text, which the KB may already
/// have HTML-encoded. Decode it once (so "&amp;#39;" does not show), encode all of it, then let only the bare mark tags
/// through, so an article can never inject markup.
/// </summary>
public static class Snippets
{
    public static string Safe(string? snippet) =>
        WebUtility.HtmlEncode(WebUtility.HtmlDecode(snippet ?? ""))
            .Replace("&lt;mark&gt;", "<mark>", StringComparison.Ordinal)
            .Replace("&lt;/mark&gt;", "</mark>", StringComparison.Ordinal);
}

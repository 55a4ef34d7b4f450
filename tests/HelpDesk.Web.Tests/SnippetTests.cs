using HelpDesk.Web.Components.Shared;

namespace HelpDesk.Web.Tests;

/// <summary>KB snippets shown as HTML: only the mark tags survive, and text the KB already encoded is not encoded twice.</summary>
public sealed class SnippetTests
{
    [Theory]
    [InlineData("the charger&#39;s <mark>LED</mark>", "the charger&#39;s <mark>LED</mark>")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt; <mark>vpn</mark>", "&lt;script&gt;alert(1)&lt;/script&gt; <mark>vpn</mark>")]
    [InlineData("<script>alert(1)</script><mark onclick=x>a</mark>", "&lt;script&gt;alert(1)&lt;/script&gt;&lt;mark onclick=x&gt;a</mark>")]
    [InlineData(null, "")]
    public void Only_bare_mark_tags_pass_and_nothing_is_encoded_twice(string? snippet, string html) =>
        Assert.Equal(html, Snippets.Safe(snippet));
}

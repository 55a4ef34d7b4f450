namespace HelpDesk.KnowledgeBase.Tests;

public sealed class SnippetBuilderTests
{
    [Fact]
    public void Opening_is_the_escaped_beginning_cut_at_a_word()
    {
        var snippet = SnippetBuilder.Opening("Use <b>bold</b> & italics carefully in every message you send to customers, always.", 40);
        Assert.Equal("Use &lt;b&gt;bold&lt;/b&gt; &amp; italics carefully in every…", snippet);
        Assert.Equal("Short text.", SnippetBuilder.Opening("Short text."));
    }

    [Fact]
    public void Escaping_keeps_accents_readable()
    {
        Assert.Equal("Réseau &amp; système &lt;ok&gt; l&#39;été &quot;x&quot;", SnippetBuilder.Escape("Réseau & système <ok> l'été \"x\""));
    }

    [Fact]
    public void Ellipses_mark_only_the_cut_ends()
    {
        Assert.Equal("…middle…", SnippetBuilder.WithEllipses("middle", 10, 16, 30));
        Assert.Equal("start…", SnippetBuilder.WithEllipses("start", 0, 5, 30));
        Assert.Equal("…end", SnippetBuilder.WithEllipses("end", 27, 30, 30));
    }
}

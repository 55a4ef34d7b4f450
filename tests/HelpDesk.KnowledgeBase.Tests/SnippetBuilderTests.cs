
namespace HelpDesk.KnowledgeBase.Tests;

public sealed class SnippetBuilderTests
{
    private static string Snippet(string text, string language, params SnippetTerm[] terms) =>
        SnippetBuilder.Build(text, [.. KbAnalyzers.Analyze(KbAnalyzers.ForLanguage(language), "body", text).Select(t => (t.Term, t.Start, t.End))], terms, 80);

    [Fact]
    public void Picks_the_window_with_the_most_distinct_terms()
    {
        var filler = string.Join(' ', Enumerable.Repeat("lorem ipsum", 20));
        var text = $"Printer alone here. {filler} The printer toner is low: replace the toner cartridge. {filler}";
        var snippet = Snippet(text, "en", new SnippetTerm("printer", 0), new SnippetTerm("toner", 0));
        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>printer</mark> <mark>toner</mark>", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("alone", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_matches_returns_the_escaped_beginning()
    {
        var snippet = Snippet("Use <b>bold</b> & italics carefully in every message you send to customers, always.", "en", new SnippetTerm("zebra", 1));
        Assert.StartsWith("Use &lt;b&gt;bold&lt;/b&gt; &amp; italics", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<mark>", snippet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password", "pasword", 1)]
    [InlineData("password", "passwrod", 1)]
    [InlineData("password", "pssword", 1)]
    [InlineData("password", "paswrd", 2)]
    [InlineData("printer", "pointer", 1)]
    public void Edit_distance_counts_typos_and_transpositions(string a, string b, int expected) =>
        Assert.Equal(expected, SnippetBuilder.EditDistance(a, b, 3));
}

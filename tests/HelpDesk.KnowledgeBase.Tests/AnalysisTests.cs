
namespace HelpDesk.KnowledgeBase.Tests;

public sealed class AnalysisTests
{
    private static List<string> Terms(string language, string text) =>
        [.. KbAnalyzers.Analyze(KbAnalyzers.ForLanguage(language), "body_" + language, text).Select(t => t.Term)];

    [Fact]
    public void English_stems_and_drops_stop_words()
    {
        Assert.Equal(["password", "reset"], Terms("en", "the passwords are reset"));
        Assert.Equal(Terms("en", "printing"), Terms("en", "prints"));
        Assert.Equal(["user", "account"], Terms("en", "user's account"));
    }

    [Fact]
    public void French_removes_elisions_stop_words_and_accents()
    {
        Assert.Equal(Terms("fr", "ordinateur"), Terms("fr", "l'ordinateur"));
        Assert.Equal(Terms("fr", "probleme reseau"), Terms("fr", "problème réseau"));
        Assert.Empty(Terms("fr", "le la les de du"));
        Assert.Equal(Terms("fr", "connexion"), Terms("fr", "connexions"));
    }

    [Fact]
    public void Italian_removes_elisions_stop_words_and_accents()
    {
        Assert.Equal(Terms("it", "email"), Terms("it", "un'email"));
        Assert.Equal(Terms("it", "stampante"), Terms("it", "la stampante"));
        Assert.Equal(Terms("it", "stampanti"), Terms("it", "stampante"));
        Assert.Equal(Terms("it", "citta"), Terms("it", "città"));
    }

    [Fact]
    public void Offsets_point_at_the_original_text()
    {
        const string text = "Réinitialiser le mot de passe";
        var tokens = KbAnalyzers.Analyze(KbAnalyzers.ForLanguage("fr"), "body_fr", text);
        Assert.Equal("Réinitialiser", text[tokens[0].Start..tokens[0].End]);
        Assert.Equal("passe", text[tokens[^1].Start..tokens[^1].End]);
    }

    [Theory]
    [InlineData("en", "Wi-Fi", "wifi")]
    [InlineData("en", "WIFI", "wifi")]
    [InlineData("en", "e-mail", "email")]
    [InlineData("fr", "e-mail", "email")]
    [InlineData("it", "e-mail", "email")]
    [InlineData("en", "0x80070005", "0x80070005")]
    [InlineData("en", "KB5034441", "kb5034441")]
    [InlineData("fr", "l’imprimante", "imprimant")]
    [InlineData("en", "(password).", "password")]
    public void A_typed_word_becomes_the_joined_term_the_index_also_holds(string language, string word, string expected)
    {
        Assert.Equal(expected, KbAnalysis.Shared.QueryTerm(language, word));
        Assert.Contains(expected, Terms(language, $"Some text with {word} inside"));
    }

    [Fact]
    public void Indexed_hyphenated_words_and_codes_keep_their_parts()
    {
        Assert.Equal(["wi", "wifi", "fi", "certif"], Terms("en", "Wi-Fi certificate").Select(t => t[..Math.Min(6, t.Length)]).ToList());
        Assert.Contains("5034441", Terms("en", "Install KB5034441 now"));
        Assert.Contains("mail", Terms("fr", "un e-mail"));
    }

    [Fact]
    public void Punctuation_and_query_syntax_are_not_words()
    {
        Assert.Empty(Terms("en", "+ - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ /"));
        Assert.Null(KbAnalysis.Shared.QueryTerm("en", "&&"));
        Assert.Null(KbAnalysis.Shared.QueryTerm("en", "the"));
        Assert.Equal("the", KbAnalysis.Shared.SpellingTerm("The"));
    }

    [Fact]
    public void Typeahead_prefixes_are_folded_edge_ngrams()
    {
        var terms = KbAnalyzers.Analyze(KbAnalyzers.EdgeNGrams(), "title_ac", "Réseau").Select(t => t.Term).ToList();
        Assert.Equal(["r", "re", "res", "rese", "resea", "reseau"], terms);
    }
}

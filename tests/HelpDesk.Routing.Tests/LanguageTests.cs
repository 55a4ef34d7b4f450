using HelpDesk.Routing.Domain;
using HelpDesk.Routing.Infrastructure;
using HelpDesk.Routing.Infrastructure.Classification;

namespace HelpDesk.Routing.Tests;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("My monitor is broken and the screen stays black", "en")]
    [InlineData("Il monitor è rotto e lo schermo resta nero da questa mattina", "it")]
    [InlineData("Mon écran est cassé et il reste noir depuis ce matin", "fr")]
    [InlineData("Non riesco ad accedere alla cartella condivisa", "it")]
    [InlineData("Je n'arrive pas à me connecter au VPN depuis chez moi", "fr")]
    public void Language_is_identified_from_function_words(string text, string expected) =>
        Assert.Equal(expected, LanguageIdentifier.Identify(text, fallback: "en"));

    [Fact]
    public void Too_little_evidence_keeps_the_declared_language()
    {
        Assert.Equal("fr", LanguageIdentifier.Identify("VPN", "fr-CH"));
        Assert.Equal("en", LanguageIdentifier.Identify("SAP 4711", null));
    }

    [Fact]
    public void Italian_and_French_are_glossed_into_english_terms_and_cues_found_in_every_language()
    {
        var analyzer = new TicketAnalyzer(Shipped.Lexicon());

        var italian = analyzer.Analyze("La stampante del secondo piano è inceppata e le stampanti nuove non arrivano");
        Assert.Equal("it", italian.Language);
        Assert.Contains("printer", italian.Terms);
        Assert.Contains("jammed", italian.Terms);
        Assert.Contains("Hardware", italian.Cues);
        Assert.Contains("it:piano", italian.Terms); // not in the lexicon: kept, marked with its language

        var french = analyzer.Analyze("Mot de passe expiré, mon compte est verrouillé");
        Assert.Equal("fr", french.Language);
        Assert.Contains("password", french.Terms);
        Assert.Contains("locked", french.Terms);
        Assert.Contains("Access", french.Cues);

        var english = analyzer.Analyze("The printer on the second floor is jammed");
        Assert.Equal(["printer", "second", "floor", "jammed"], english.Terms);
        Assert.Contains("Hardware", english.Cues);
    }

    [Fact]
    public void Edited_lexicons_are_read_from_json_with_phrases_and_inflections()
    {
        var json = """
            { "translations": { "it": { "badge aziendale": "badge card", "parcheggio": "parking" } },
              "categoryCues": { "Facilities": { "it": ["parcheggio"], "fr": ["parking"] } } }
            """;
        var lexicon = ClassifierLexicon.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        var analyzer = new TicketAnalyzer(lexicon);

        var text = analyzer.Analyze("Il mio badge aziendale non apre il parcheggio, e nemmeno i parcheggi esterni");
        Assert.Equal(["badge", "card", "it:apre", "parking", "it:nemmen", "parking", "it:estern"], text.Terms);
        Assert.Equal(["Facilities", "Facilities"], text.Cues);
        Assert.Equal(["Facilities"], lexicon.CueCategories);
    }
}

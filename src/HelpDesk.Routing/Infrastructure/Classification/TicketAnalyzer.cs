namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>A ticket's text as the model sees it: its language, English terms (glossed where it/fr), cue categories.</summary>
public sealed record AnalyzedText(string Language, IReadOnlyList<string> Terms, IReadOnlyList<string> Cues, int Translated);

/// <summary>Language identification, per-language analysis, glossing into English and category cues, in that order.</summary>
public sealed class TicketAnalyzer(ClassifierLexicon lexicon)
{
    /// <summary>Terms the lexicon could not gloss keep their language as a prefix ("it:stampant"): desks teach them through corrections.</summary>
    public const char LanguageSeparator = ':';

    public ClassifierLexicon Lexicon { get; } = lexicon;

    public AnalyzedText Analyze(string text, string? declaredLanguage = null)
    {
        var language = LanguageIdentifier.Identify(text, declaredLanguage);
        var terms = LanguageAnalysis.Terms(text, language);
        var cues = Lexicon.Cues(terms, language);
        if (language == "en")
        {
            return new AnalyzedText(language, terms, cues, 0);
        }
        var glossed = Lexicon.Translate(terms, language, out var translated);
        // A glossed term is English; an untranslated stem is marked with its language so it never collides with English.
        var output = glossed.Select(t => Lexicon.EnglishWords.Contains(t) ? t : $"{language}{LanguageSeparator}{t}").ToList();
        return new AnalyzedText(language, output, cues, translated);
    }
}

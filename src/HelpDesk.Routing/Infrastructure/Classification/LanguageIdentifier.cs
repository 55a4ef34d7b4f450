namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// Tells English, Italian and French apart by their function words (articles, prepositions, pronouns, auxiliaries),
/// which every ticket sentence has and which the three languages rarely share. Short or ambiguous texts keep the
/// language the channel declared.
/// </summary>
public static class LanguageIdentifier
{
    public static readonly IReadOnlyList<string> Supported = ["en", "it", "fr"];

    private static readonly Dictionary<string, HashSet<string>> FunctionWords = new()
    {
        ["en"] = new(StringComparer.Ordinal)
        {
            "the", "and", "is", "are", "was", "my", "i", "it", "to", "of", "for", "with", "on", "in", "not", "cannot", "can't", "don't",
            "doesn't", "isn't", "we", "you", "please", "this", "that", "have", "has", "be", "from", "our", "since", "when", "after", "any",
            "would", "could", "need", "needs", "hello", "hi", "thanks", "thank", "it's", "i'm", "won't", "at", "an", "or", "by",
        },
        ["it"] = new(StringComparer.Ordinal)
        {
            "il", "lo", "gli", "della", "delle", "dello", "dei", "degli", "del", "nel", "nella", "sul", "sulla", "alla", "allo", "ai", "con", "non",
            "che", "per", "di", "da", "è", "sono", "mio", "mia", "miei", "mie", "ho", "abbiamo", "hanno", "questo", "questa", "quando", "dopo",
            "anche", "ancora", "più", "si", "mi", "ci", "buongiorno", "grazie", "salve", "ciao", "vorrei", "potete", "perché", "funziona", "un", "una", "uno",
        },
        ["fr"] = new(StringComparer.Ordinal)
        {
            "le", "les", "des", "du", "au", "aux", "est", "sont", "ne", "pas", "plus", "je", "j'ai", "nous", "vous", "mon", "ma", "mes", "notre",
            "avec", "pour", "sur", "dans", "depuis", "après", "quand", "ce", "cette", "qui", "que", "bonjour", "merci", "cordialement", "s'il",
            "plaît", "n'est", "n'arrive", "c'est", "il", "elle", "une", "un", "et", "ou", "mais", "fonctionne", "marche", "ai", "être", "été",
        },
    };

    /// <summary>The language of <paramref name="text"/>, or <paramref name="fallback"/> when the evidence is too thin to say.</summary>
    public static string Identify(string text, string? fallback = null)
    {
        var declared = Normalise(fallback);
        var scores = Score(text);
        var best = scores.MaxBy(s => s.Value);
        var second = scores.Where(s => s.Key != best.Key).Max(s => s.Value);
        // Two function words more than any other language, or one when nothing else matched at all.
        if (best.Value >= 2 && best.Value - second >= 2 || best.Value >= 1 && second == 0)
        {
            return best.Key;
        }
        return declared ?? (best.Value > second ? best.Key : "en");
    }

    /// <summary>Function-word hits per language, with accent hints ("è", "ù" Italian; "ç", "ê", "é" French).</summary>
    public static Dictionary<string, double> Score(string text)
    {
        var scores = Supported.ToDictionary(l => l, _ => 0.0);
        foreach (var word in Words(text))
        {
            foreach (var language in Supported)
            {
                if (FunctionWords[language].Contains(word))
                {
                    scores[language] += 1;
                }
            }
            if (word.Contains('ç') || word.Contains('ê') || word.Contains('â') || word.Contains('î') || word.Contains('ô') || word.EndsWith('é') || word.EndsWith("ée", StringComparison.Ordinal))
            {
                scores["fr"] += 0.5;
            }
            if (word.EndsWith('à') && word.Length > 2 || word.EndsWith('ù') || word.EndsWith('ì') || word.EndsWith('ò'))
            {
                scores["it"] += 0.5;
            }
        }
        return scores;
    }

    private static string? Normalise(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }
        var primary = language.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(primary) ? primary : null;
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetter(text[i]) || text[i] is '\'' or '’' && start >= 0);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].Replace('’', '\'').ToLowerInvariant();
                start = -1;
            }
        }
    }
}

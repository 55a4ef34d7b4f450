using System.Text.Json;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// The editable multilingual knowledge of the classifier (<c>Lexicon/routing-lexicon.json</c>): glosses that carry
/// Italian and French words into the English vocabulary of the training data, and category cues (seed rules) per
/// language. Keys are analysed like ticket text, so editors write plain words and phrases.
/// </summary>
public sealed class ClassifierLexicon
{
    public const int LongestPhrase = 4;

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };
    private readonly Dictionary<string, Dictionary<string, string[]>> _translations;
    private readonly Dictionary<string, Dictionary<string, List<string>>> _cues;

    private ClassifierLexicon(Dictionary<string, Dictionary<string, string[]>> translations, Dictionary<string, Dictionary<string, List<string>>> cues)
    {
        _translations = translations;
        _cues = cues;
    }

    public static ClassifierLexicon Empty { get; } = new([], []);

    /// <summary>Categories that have cues, in a stable order.</summary>
    public IReadOnlyList<string> CueCategories => _cues.Values.SelectMany(c => c.Values.SelectMany(v => v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Every English word the glosses and English cues produce (they need word vectors even when training never saw them).</summary>
    public IReadOnlySet<string> EnglishWords { get; private init; } = new HashSet<string>(StringComparer.Ordinal);

    public static ClassifierLexicon Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream);
    }

    public static ClassifierLexicon Parse(Stream json)
    {
        var document = JsonSerializer.Deserialize<LexiconDocument>(json, JsonOptions)
            ?? throw new InvalidDataException("The lexicon is empty.");
        var translations = new Dictionary<string, Dictionary<string, string[]>>(StringComparer.Ordinal);
        foreach (var (language, glosses) in document.Translations ?? [])
        {
            var table = translations[language] = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (phrase, gloss) in glosses)
            {
                var key = Key(phrase, language);
                if (key.Length > 0)
                {
                    // Inflections meet at one stem ("stampante", "stampanti"): the first entry written wins.
                    table.TryAdd(key, LanguageAnalysis.EnglishTerms(gloss).ToArray());
                }
            }
        }
        var cues = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        foreach (var (category, perLanguage) in document.CategoryCues ?? [])
        {
            foreach (var (language, phrases) in perLanguage)
            {
                var table = cues.TryGetValue(language, out var t) ? t : cues[language] = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var phrase in phrases)
                {
                    var key = Key(phrase, language);
                    if (key.Length > 0)
                    {
                        (table.TryGetValue(key, out var list) ? list : table[key] = []).Add(category);
                    }
                }
            }
        }
        var english = translations.Values.SelectMany(t => t.Values).SelectMany(w => w)
            .Concat(cues.TryGetValue("en", out var englishCues) ? englishCues.Keys.SelectMany(k => k.Split(' ')) : [])
            .ToHashSet(StringComparer.Ordinal);
        return new ClassifierLexicon(translations, cues) { EnglishWords = english };
    }

    /// <summary>Replaces glossed phrases (longest first) with their English words; unknown terms stay as they are.</summary>
    public List<string> Translate(IReadOnlyList<string> terms, string language, out int translated)
    {
        translated = 0;
        if (!_translations.TryGetValue(language, out var table))
        {
            return terms.ToList();
        }
        var output = new List<string>(terms.Count);
        for (var i = 0; i < terms.Count;)
        {
            var matched = false;
            for (var length = Math.Min(LongestPhrase, terms.Count - i); length >= 1 && !matched; length--)
            {
                if (table.TryGetValue(string.Join(' ', terms.Skip(i).Take(length)), out var english))
                {
                    output.AddRange(english);
                    translated += length;
                    i += length;
                    matched = true;
                }
            }
            if (!matched)
            {
                output.Add(terms[i]);
                i++;
            }
        }
        return output;
    }

    /// <summary>The category of every cue phrase found in <paramref name="terms"/> (a phrase counts once per occurrence).</summary>
    public List<string> Cues(IReadOnlyList<string> terms, string language)
    {
        var found = new List<string>();
        if (!_cues.TryGetValue(language, out var table))
        {
            return found;
        }
        for (var i = 0; i < terms.Count; i++)
        {
            for (var length = 1; length <= Math.Min(LongestPhrase, terms.Count - i); length++)
            {
                if (table.TryGetValue(string.Join(' ', terms.Skip(i).Take(length)), out var categories))
                {
                    found.AddRange(categories);
                }
            }
        }
        return found;
    }

    private static string Key(string phrase, string language) => string.Join(' ', LanguageAnalysis.Terms(phrase, language));

    private sealed class LexiconDocument
    {
        public Dictionary<string, Dictionary<string, string>>? Translations { get; set; }

        public Dictionary<string, Dictionary<string, List<string>>>? CategoryCues { get; set; }
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>
/// Per-language analysis of ticket text. English keeps whole lower-case words without stop words, like the text the
/// model was trained on; Italian and French drop elided articles and stop words, fold accents and apply Lucene's
/// light stemmers (the knowledge base analyses articles the same way), so "stampanti" meets "stampante" and
/// "écrans" meets "ecran".
/// </summary>
public static class LanguageAnalysis
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly CharArraySet ItalianArticles = new(Version,
        ["c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"],
        ignoreCase: true);

    private static readonly HashSet<string> EnglishStopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "at", "by", "for", "with", "about", "to", "from", "in", "on", "is", "are", "was", "were",
        "be", "been", "being", "am", "do", "does", "did", "doing", "have", "has", "had", "i", "me", "my", "we", "our", "you", "your", "he", "him",
        "his", "she", "her", "it", "its", "they", "them", "their", "this", "that", "these", "those", "there", "here", "so", "than", "too", "very",
        "can", "could", "will", "would", "should", "just", "also", "any", "some", "all", "as", "into", "up", "out", "off", "over", "again", "then",
        "what", "which", "who", "whom", "when", "where", "why", "how", "s", "t", "m", "d", "ll", "re", "ve", "im", "its", "dont", "doesnt", "isnt",
        "cant", "wont", "didnt",
    };

    private static readonly Analyzer Italian = new RomanceAnalyzer(it: true);
    private static readonly Analyzer French = new RomanceAnalyzer(it: false);

    /// <summary>The terms of <paramref name="text"/> in <paramref name="language"/> ("en", "it" or "fr").</summary>
    public static List<string> Terms(string text, string language) => language switch
    {
        "it" => Run(Italian, text),
        "fr" => Run(French, text),
        _ => EnglishTerms(text),
    };

    /// <summary>Lower case, accents folded, split at anything but letters and digits; stop words, numbers and single letters dropped.</summary>
    public static List<string> EnglishTerms(string text)
    {
        var terms = new List<string>();
        foreach (var word in Fold(text).Split(static c => !char.IsLetterOrDigit(c)))
        {
            if (word.Length > 1 && !EnglishStopWords.Contains(word) && !word.All(char.IsDigit))
            {
                terms.Add(word);
            }
        }
        return terms;
    }

    private static string[] Split(this string text, Func<char, bool> separator)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || separator(text[i]))
            {
                if (i > start)
                {
                    parts.Add(text[start..i]);
                }
                start = i + 1;
            }
        }
        return [.. parts];
    }

    private static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        var folded = new System.Text.StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c == '’' ? '\'' : c);
            }
        }
        return folded.ToString();
    }

    private static List<string> Run(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("text", text.Replace('’', '\''));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var value = term.ToString();
            if (value.Length > 1 && !value.All(char.IsDigit))
            {
                terms.Add(value);
            }
        }
        stream.End();
        return terms;
    }

    private sealed class RomanceAnalyzer(bool it) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new StandardFilter(Version, source);
            stream = new ElisionFilter(stream, it ? ItalianArticles : FrenchAnalyzer.DEFAULT_ARTICLES);
            stream = new LowerCaseFilter(Version, stream);
            stream = new StopFilter(Version, stream, it ? ItalianAnalyzer.DefaultStopSet : FrenchAnalyzer.DefaultStopSet);
            stream = new ASCIIFoldingFilter(stream);
            stream = it ? new ItalianLightStemFilter(stream) : new FrenchLightStemFilter(stream);
            return new TokenStreamComponents(source, stream);
        }
    }
}

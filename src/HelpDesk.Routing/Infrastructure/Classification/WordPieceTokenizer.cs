using System.Globalization;
using System.Text;

namespace HelpDesk.Routing.Infrastructure.Classification;

/// <summary>BERT's uncased WordPiece tokenizer (lower case, accents stripped, greedy longest match with "##" pieces).</summary>
public sealed class WordPieceTokenizer
{
    public const int Classify = 101;
    public const int Separator = 102;
    private readonly Dictionary<string, int> _ids;
    private readonly int _unknown;

    public WordPieceTokenizer(IEnumerable<string> vocabulary)
    {
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var id = 0;
        foreach (var token in vocabulary)
        {
            _ids.TryAdd(token, id++);
        }
        _unknown = _ids.TryGetValue("[UNK]", out var unknown) ? unknown : 100;
    }

    /// <summary>[CLS] pieces… [SEP], at most <paramref name="maxTokens"/> ids.</summary>
    public List<int> Encode(string text, int maxTokens)
    {
        var ids = new List<int> { Classify };
        foreach (var word in BasicTokens(text))
        {
            foreach (var piece in Pieces(word))
            {
                if (ids.Count >= maxTokens - 1)
                {
                    ids.Add(Separator);
                    return ids;
                }
                ids.Add(piece);
            }
        }
        ids.Add(Separator);
        return ids;
    }

    private IEnumerable<int> Pieces(string word)
    {
        if (word.Length > 100)
        {
            return [_unknown];
        }
        var pieces = new List<int>();
        for (var start = 0; start < word.Length;)
        {
            var end = word.Length;
            var found = -1;
            for (; end > start; end--)
            {
                var candidate = start > 0 ? "##" + word[start..end] : word[start..end];
                if (_ids.TryGetValue(candidate, out found))
                {
                    break;
                }
                found = -1;
            }
            if (found < 0)
            {
                return [_unknown];
            }
            pieces.Add(found);
            start = end;
        }
        return pieces;
    }

    private static IEnumerable<string> BasicTokens(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var word = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
                if (!char.IsWhiteSpace(c))
                {
                    yield return c.ToString();
                }
            }
            else
            {
                word.Append(c);
            }
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}

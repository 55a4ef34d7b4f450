namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

/// <summary>
/// A user's query split into quoted phrases and loose words. Unbalanced quotes count as a phrase to the end. There
/// is no query syntax: characters that other engines read as operators (<see cref="Separators"/>) separate words
/// here ("title:password^3" is "title password 3", "TCP/IP" is "TCP IP"); hyphens, apostrophes, dots and @ stay
/// inside words so "e-mail", "l'imprimante", "10.0.1.5" and addresses reach the analyzer whole.
/// </summary>
public sealed record QueryText(IReadOnlyList<string> Words, IReadOnlyList<string> Phrases)
{
    public static readonly char[] Separators = ['+', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '~', '*', '?', ':', '\\', '/', ',', ';', '<', '>', '=', '\t', '\n', '\r', ' '];

    public bool IsEmpty => Words.Count == 0 && Phrases.Count == 0;

    public static QueryText Parse(string? text)
    {
        var words = new List<string>();
        var phrases = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new QueryText(words, phrases);
        }
        var parts = string.Join(' ', text.Split(Separators)).Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (part.Length == 0)
            {
                continue;
            }
            if (i % 2 == 1)
            {
                phrases.Add(part);
            }
            else
            {
                words.AddRange(part.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }
        return new QueryText(words, phrases);
    }
}

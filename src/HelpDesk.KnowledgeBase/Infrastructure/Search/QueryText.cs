namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

/// <summary>
/// A user's query split into quoted phrases and loose words. Unbalanced quotes count as a phrase to the end. There
/// is no query syntax: characters that other engines read as operators (<see cref="Separators"/>) separate words
/// here ("title:password^3" is "title password 3", "TCP/IP" is "TCP IP"); hyphens, apostrophes, dots and @ stay
/// inside words so "e-mail", "l'imprimante", "10.0.1.5" and addresses reach the analyzer whole.
/// </summary>
/// <param name="Adjacent">Pairs of loose words typed next to each other (not across a phrase), which may be one word split ("wi fi").</param>
public sealed record QueryText(IReadOnlyList<string> Words, IReadOnlyList<string> Phrases, IReadOnlyList<(string First, string Second)> Adjacent)
{
    public static readonly char[] Separators = ['+', '&', '|', '!', '(', ')', '{', '}', '[', ']', '^', '~', '*', '?', ':', '\\', '/', ',', ';', '<', '>', '=', '\t', '\n', '\r', ' '];

    public bool IsEmpty => Words.Count == 0 && Phrases.Count == 0;

    public static QueryText Parse(string? text)
    {
        var words = new List<string>();
        var phrases = new List<string>();
        var adjacent = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new QueryText(words, phrases, adjacent);
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
                var run = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                words.AddRange(run);
                adjacent.AddRange(run.Zip(run.Skip(1)));
            }
        }
        return new QueryText(words, phrases, adjacent);
    }
}

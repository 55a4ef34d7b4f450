namespace HelpDesk.KnowledgeBase.Infrastructure.Search;

/// <summary>A user's query split into quoted phrases and loose words. Unbalanced quotes count as a phrase to the end.</summary>
public sealed record QueryText(IReadOnlyList<string> Words, IReadOnlyList<string> Phrases)
{
    public bool IsEmpty => Words.Count == 0 && Phrases.Count == 0;

    public static QueryText Parse(string? text)
    {
        var words = new List<string>();
        var phrases = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new QueryText(words, phrases);
        }
        var parts = text.Split('"');
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
                words.AddRange(part.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }
        }
        return new QueryText(words, phrases);
    }
}

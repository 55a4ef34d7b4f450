namespace HelpDesk.KnowledgeBase.Domain;

public static class KbLanguages
{
    public static readonly IReadOnlyList<string> Supported = ["en", "fr", "it"];

    /// <summary>"fr-CH" → "fr"; null when the language has no analyzer here.</summary>
    public static string? Normalize(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }
        var primary = language.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(primary) ? primary : null;
    }
}

namespace HelpDesk.Notifications.Templates;

/// <summary>Finds the template for an event and language: override, then built-in, then the same in English.</summary>
public static class TemplateCatalog
{
    public static string NormalizeLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return DefaultTemplates.FallbackLanguage;
        }
        var primary = language.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary.Length is >= 2 and <= 8 ? primary : DefaultTemplates.FallbackLanguage;
    }

    /// <summary>The template for an event in a language: the desk's own, else the built-in one, else the same in the fallback language.</summary>
    public static (TemplateSet Set, string Language) Resolve(NotificationSettings settings, string eventType, string? language)
    {
        var wanted = NormalizeLanguage(language);
        foreach (var candidate in wanted == DefaultTemplates.FallbackLanguage ? [wanted] : new[] { wanted, DefaultTemplates.FallbackLanguage })
        {
            var custom = settings.TemplateFor(eventType, candidate);
            if (custom is not null)
            {
                return (ToSet(custom), candidate);
            }
            if (DefaultTemplates.Find(eventType, candidate) is { } builtIn)
            {
                return (builtIn, candidate);
            }
        }
        throw new InvalidOperationException($"No template for event type {eventType}.");
    }

    public static TemplateSet ToSet(TemplateOverride custom) => new(custom.Subject, custom.Text, custom.Html);
}

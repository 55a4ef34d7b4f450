namespace HelpDesk.KnowledgeBase.Api;

/// <summary>Turns article input into <see cref="ArticleContent"/>, or names every field at fault.</summary>
public static class ArticleValidation
{
    public static ArticleContent? Validate(ArticleInput input, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors["title"] = ["A title is required."];
        }
        else if (input.Title.Trim().Length > Article.MaxTitleLength)
        {
            errors["title"] = [$"At most {Article.MaxTitleLength} characters."];
        }
        if (string.IsNullOrWhiteSpace(input.Body))
        {
            errors["body"] = ["A body is required."];
        }
        else if (input.Body.Length > Article.MaxBodyLength)
        {
            errors["body"] = [$"At most {Article.MaxBodyLength} characters."];
        }
        var language = KbLanguages.Normalize(input.Language);
        if (language is null)
        {
            errors["language"] = [$"One of: {string.Join(", ", KbLanguages.Supported)}."];
        }
        if (string.IsNullOrWhiteSpace(input.Category) || Article.NormalizeLabel(input.Category).Length is 0 or > Article.MaxLabelLength)
        {
            errors["category"] = [$"A category of 1 to {Article.MaxLabelLength} characters is required."];
        }
        if (input.Tags is { } tags && (tags.Count > Article.MaxTags || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > Article.MaxLabelLength)))
        {
            errors["tags"] = [$"At most {Article.MaxTags} tags of 1 to {Article.MaxLabelLength} characters."];
        }
        return errors.Count > 0 ? null : new ArticleContent(
            input.Title!.Trim(), input.Body!.Trim(), language!, Article.NormalizeLabel(input.Category!),
            [.. (input.Tags ?? []).Select(Article.NormalizeLabel).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>"published", "internal", "draft" (any case) or null when absent.</summary>
    public static ArticleVisibility? Visibility(string? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }
        if (Enum.TryParse<ArticleVisibility>(value, ignoreCase: true, out var parsed))
        {
            return parsed;
        }
        errors["visibility"] = ["Use draft, published or internal."];
        return null;
    }
}

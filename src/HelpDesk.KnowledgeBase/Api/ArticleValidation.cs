namespace HelpDesk.KnowledgeBase.Api;

/// <summary>Turns article input into <see cref="ArticleContent"/>, or names every field at fault.</summary>
public static class ArticleValidation
{
    public static ArticleContent? Validate(ArticleInput input, Validation validation)
    {
        validation
            .Required(input.Title?.Trim(), "title", Article.MaxTitleLength, "A title is required.")
            .Required(input.Body, "body", Article.MaxBodyLength, "A body is required.");
        var language = KbLanguages.Normalize(input.Language);
        validation
            .When(language is null, "language", $"One of: {string.Join(", ", KbLanguages.Supported)}.")
            .When(string.IsNullOrWhiteSpace(input.Category) || Article.NormalizeLabel(input.Category).Length is 0 or > Article.MaxLabelLength,
                "category", $"A category of 1 to {Article.MaxLabelLength} characters is required.")
            .When(input.Tags is { } tags && (tags.Count > Article.MaxTags || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > Article.MaxLabelLength)),
                "tags", $"At most {Article.MaxTags} tags of 1 to {Article.MaxLabelLength} characters.");
        return !validation.IsValid ? null : new ArticleContent(
            input.Title!.Trim(), input.Body!.Trim(), language!, Article.NormalizeLabel(input.Category!),
            [.. (input.Tags ?? []).Select(Article.NormalizeLabel).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>"published", "internal", "draft" (any case) or null when absent.</summary>
    public static ArticleVisibility? Visibility(string? value, Validation validation)
    {
        if (value is null)
        {
            return null;
        }
        if (Enum.TryParse<ArticleVisibility>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }
        validation.Add("visibility", "Use draft, published or internal.");
        return null;
    }
}

namespace HelpDesk.KnowledgeBase.Api;

/// <summary>Search, typeahead and suggestions while a ticket is typed.</summary>
public static class SearchApi
{
    public const int MaxQueryLength = 500;

    /// <summary>Results go this deep at most (page × pageSize), like Elasticsearch's default max_result_window.</summary>
    public const int MaxResultWindow = 10_000;

    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder kb)
    {
        kb.MapGet("/search", SearchAsync).WithName("KbSearch");
        kb.MapGet("/typeahead", TypeaheadAsync).WithName("KbTypeahead");
        kb.MapPost("/suggest", SuggestAsync).WithName("KbSuggest");
        return kb;
    }

    private static async Task<Results<Ok<SearchResults>, ValidationProblem>> SearchAsync(
        HttpContext http, ISearchBackend search, string? q, string? lang, string? category, string? tag, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(q))
        {
            errors["q"] = ["A query is required."];
        }
        else if (q.Length > MaxQueryLength)
        {
            errors["q"] = [$"At most {MaxQueryLength} characters."];
        }
        var language = ReadLanguage(lang, errors);
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (p * size > MaxResultWindow)
        {
            errors["page"] = ["Results go 10,000 deep at most; refine the query."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var query = new SearchQuery(q!, language, Label(category), Label(tag), KbCaller.From(http).CanSeeInternal, p, size);
        return TypedResults.Ok(await search.SearchAsync(query, cancellationToken));
    }

    private static async Task<Results<Ok<TypeaheadResponse>, ValidationProblem>> TypeaheadAsync(
        HttpContext http, ISearchBackend search, string? q, string? lang, int? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(q))
        {
            errors["q"] = ["Type at least one character."];
        }
        else if (q.Length > 100)
        {
            errors["q"] = ["At most 100 characters."];
        }
        if (limit is < 1 or > 20)
        {
            errors["limit"] = ["Between 1 and 20."];
        }
        var language = ReadLanguage(lang, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var suggestions = await search.TypeaheadAsync(q!, language, KbCaller.From(http).CanSeeInternal, limit ?? 8, cancellationToken);
        return TypedResults.Ok(new TypeaheadResponse(suggestions));
    }

    private static async Task<Results<Ok<SuggestResponse>, ValidationProblem>> SuggestAsync(
        SuggestInput input, HttpContext http, TicketArticleSuggester suggester, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Subject) && string.IsNullOrWhiteSpace(input.Description))
        {
            errors["subject"] = ["Give a subject or a description."];
        }
        if (input.Subject is { Length: > 500 })
        {
            errors["subject"] = ["At most 500 characters."];
        }
        if (input.Description is { Length: > 20_000 })
        {
            errors["description"] = ["At most 20,000 characters."];
        }
        if (input.Limit is < 1 or > 20)
        {
            errors["limit"] = ["Between 1 and 20."];
        }
        var language = ReadLanguage(input.Language, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var hits = await suggester.SuggestAsync(input.Subject, input.Description, language, KbCaller.From(http).CanSeeInternal, input.Limit ?? 5, cancellationToken);
        return TypedResults.Ok(new SuggestResponse(hits));
    }

    /// <summary>An optional language parameter: absent means every language; unknown is an error naming <paramref name="field"/>.</summary>
    public static string? ReadLanguage(string? lang, Dictionary<string, string[]> errors, string field = "lang")
    {
        if (string.IsNullOrWhiteSpace(lang))
        {
            return null;
        }
        var language = KbLanguages.Normalize(lang);
        if (language is null)
        {
            errors[field] = [$"One of: {string.Join(", ", KbLanguages.Supported)}."];
        }
        return language;
    }

    private static string? Label(string? value) => string.IsNullOrWhiteSpace(value) ? null : Article.NormalizeLabel(value);
}

using HelpDesk.KnowledgeBase.Suggestions;

namespace HelpDesk.KnowledgeBase.Search;

public sealed record SuggestInput(string? Subject, string? Description, string? Language = null, int? Limit = null);

public sealed record SuggestResponse(IReadOnlyList<SearchHit> Articles);

public sealed record TypeaheadResponse(IReadOnlyList<TypeaheadSuggestion> Suggestions);

public sealed record ReindexAccepted(bool Started, string Status);

public sealed record IndexStatusView(IndexStatus Index, bool CaughtUp, DateTimeOffset? LastRebuildCompletedAt, string? LastRebuildError);

/// <summary>Search, typeahead, suggestions while a ticket is typed, and index administration.</summary>
public static class SearchApi
{
    public const int MaxQueryLength = 500;

    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder kb)
    {
        kb.MapGet("/search", SearchAsync).WithName("KbSearch");
        kb.MapGet("/typeahead", TypeaheadAsync);
        kb.MapPost("/suggest", SuggestAsync);
        kb.MapPost("/admin/reindex", Reindex);
        kb.MapGet("/admin/index", StatusAsync);
        return kb;
    }

    private static async Task<IResult> SearchAsync(
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
        var language = ParseLanguage(lang, errors);
        var (p, size) = Articles.ArticlesApi.Paging(page, pageSize, errors);
        if (p * size > 10_000)
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

    private static async Task<IResult> TypeaheadAsync(HttpContext http, ISearchBackend search, string? q, string? lang, int? limit, CancellationToken cancellationToken)
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
        var language = ParseLanguage(lang, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var suggestions = await search.TypeaheadAsync(q!, language, KbCaller.From(http).CanSeeInternal, limit ?? 8, cancellationToken);
        return TypedResults.Ok(new TypeaheadResponse(suggestions));
    }

    private static async Task<IResult> SuggestAsync(SuggestInput input, HttpContext http, TicketArticleSuggester suggester, CancellationToken cancellationToken)
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
        var language = ParseLanguage(input.Language, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var hits = await suggester.SuggestAsync(input.Subject, input.Description, language, KbCaller.From(http).CanSeeInternal, input.Limit ?? 5, cancellationToken);
        return TypedResults.Ok(new SuggestResponse(hits));
    }

    private static IResult Reindex(HttpContext http, IndexSynchronizer synchronizer)
    {
        if (!KbCaller.From(http).CanAdmin)
        {
            return KbCaller.Forbidden(KbCaller.AdminScope);
        }
        var started = synchronizer.StartRebuild();
        return TypedResults.Accepted("/api/v1/kb/admin/index", new ReindexAccepted(started, started ? "rebuilding" : "a rebuild is already running"));
    }

    private static async Task<IResult> StatusAsync(HttpContext http, ISearchBackend search, IndexSynchronizer synchronizer, CancellationToken cancellationToken)
    {
        if (!KbCaller.From(http).CanSeeInternal)
        {
            return KbCaller.Forbidden(KbCaller.InternalScope);
        }
        var status = await search.GetStatusAsync(cancellationToken);
        return TypedResults.Ok(new IndexStatusView(status with { Rebuilding = status.Rebuilding || synchronizer.Rebuilding }, synchronizer.CaughtUp, synchronizer.LastRebuildCompletedAt, synchronizer.LastRebuildError));
    }

    private static string? ParseLanguage(string? lang, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(lang))
        {
            return null;
        }
        var language = KbLanguages.Normalize(lang);
        if (language is null)
        {
            errors["lang"] = [$"One of: {string.Join(", ", KbLanguages.Supported)}."];
        }
        return language;
    }

    private static string? Label(string? value) => string.IsNullOrWhiteSpace(value) ? null : Articles.ArticlesApi.NormalizeLabel(value);
}

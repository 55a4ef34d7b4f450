using HelpDesk.KnowledgeBase.Infrastructure.Analytics;
using HelpDesk.KnowledgeBase.Infrastructure.Search.Planning;

namespace HelpDesk.KnowledgeBase.Api;

/// <summary>Search, typeahead and suggestions while a ticket is typed.</summary>
public static class SearchApi
{
    public const int MaxQueryLength = 500;

    /// <summary>Results go this deep at most (page × pageSize), like Elasticsearch's default max_result_window.</summary>
    public const int MaxResultWindow = 10_000;

    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder kb)
    {
        kb.MapGet("/search", SearchAsync).WithName("Kb_Search")
            .WithSummary("Search articles")
            .WithDescription("Full-text search of published articles (and, with `kb:internal`, internal ones) with highlights, paged. The answer's `searchId` lets a portal report which result was clicked.");
        kb.MapPost("/search", SearchByBodyAsync).WithName("Kb_SearchByBody")
            .WithSummary("Search articles (long queries)")
            .WithDescription("The same search with its parameters in a JSON body, for queries a URL cannot carry (pasted error text).");
        kb.MapGet("/typeahead", TypeaheadAsync).WithName("Kb_Typeahead")
            .WithSummary("Complete a search as it is typed")
            .WithDescription("Article titles matching the words typed so far.");
        kb.MapPost("/suggest", SuggestAsync).WithName("Kb_Suggest")
            .WithSummary("Suggest articles for a ticket being written")
            .WithDescription("Articles that may answer a ticket's subject and description before it is submitted (deflection).");
        return kb;
    }

    private static async Task<Results<Ok<SearchResults>, ValidationProblem>> SearchAsync(
        Caller caller, ISearchBackend search, QueryPlanner planner, SearchAnalytics analytics, TimeProvider time,
        string? q, string? lang, string? category, string? tag, int? page, int? pageSize, bool? facets, string? requester, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required(q, "q", MaxQueryLength, "A query is required.");
        var language = ReadLanguage(lang, validation);
        validation.MaxLength(requester, "requester", SearchLogEntry.MaxRequesterLength);
        if (validation.IsValid && planner.Plan(q!, language).IsEmpty)
        {
            var where = language ?? string.Join(", ", KbLanguages.Supported);
            validation.Add("q", $"Nothing to search for: the query has only punctuation or words too common to search (stop words) in {where}. Add a more specific word.");
        }
        var (p, size) = Paging.Read(page, pageSize, validation);
        validation.When(p * size > MaxResultWindow, "page", "Results go 10,000 deep at most; refine the query.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var query = new SearchQuery(q!, language, Label(category), Label(tag), caller.CanSeeInternal(), p, size, Facets: facets ?? true);
        var results = await search.SearchAsync(query, cancellationToken);
        return TypedResults.Ok(results with { SearchId = Log(analytics, query, results, caller, requester, time.GetUtcNow()) });
    }

    /// <summary>The same search with its parameters in a JSON body: for long queries (pasted error text) a URL cannot carry.</summary>
    private static Task<Results<Ok<SearchResults>, ValidationProblem>> SearchByBodyAsync(
        SearchInput input, Caller caller, ISearchBackend search, QueryPlanner planner, SearchAnalytics analytics, TimeProvider time, CancellationToken cancellationToken) =>
        SearchAsync(caller, search, planner, analytics, time, input.Q, input.Lang, input.Category, input.Tag, input.Page, input.PageSize, input.Facets, input.Requester, cancellationToken);

    private static async Task<Results<Ok<TypeaheadResponse>, ValidationProblem>> TypeaheadAsync(
        Caller caller, ISearchBackend search, string? q, string? lang, int? limit, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Required(q, "q", 100, "Type at least one character.")
            .Range(limit, "limit", 1, 20, "Between 1 and 20.");
        var language = ReadLanguage(lang, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var suggestions = await search.TypeaheadAsync(q!, language, caller.CanSeeInternal(), limit ?? 8, cancellationToken);
        return TypedResults.Ok(new TypeaheadResponse(suggestions));
    }

    private static async Task<Results<Ok<SuggestResponse>, ValidationProblem>> SuggestAsync(
        SuggestInput input, Caller caller, TicketArticleSuggester suggester, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .When(string.IsNullOrWhiteSpace(input.Subject) && string.IsNullOrWhiteSpace(input.Description), "subject", "Give a subject or a description.")
            .MaxLength(input.Subject, "subject", 500, "At most 500 characters.")
            .MaxLength(input.Description, "description", 20_000, "At most 20,000 characters.")
            .Range(input.Limit, "limit", 1, 20, "Between 1 and 20.");
        var language = ReadLanguage(input.Language, validation, "language");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var hits = await suggester.SuggestAsync(input.Subject, input.Description, language, caller.CanSeeInternal(), input.Limit ?? 5, cancellationToken);
        return TypedResults.Ok(new SuggestResponse(hits));
    }

    /// <summary>Queues the search for the analytics log (never waits for it) and returns its id, for a later click.</summary>
    private static Guid Log(SearchAnalytics analytics, SearchQuery query, SearchResults results, Caller caller, string? requester, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        analytics.Record(new SearchLogged(new SearchLogEntry
        {
            Id = id,
            At = now,
            Query = query.Text.Length > SearchLogEntry.MaxQueryLength ? query.Text[..SearchLogEntry.MaxQueryLength] : query.Text,
            NormalizedQuery = SearchLogEntry.Normalize(query.Text),
            Language = query.Language,
            Category = query.Category,
            Tag = query.Tag,
            Total = results.Total,
            Relaxed = results.Relaxed,
            TypoTolerant = results.TypoTolerant,
            DidYouMean = results.DidYouMean,
            Requester = caller.RequesterKey(requester),
            Channel = caller.Channel is { Length: <= 32 } channel ? channel : null,
        }));
        return id;
    }

    /// <summary>An optional language parameter: absent means every language; unknown is an error naming <paramref name="field"/>.</summary>
    public static string? ReadLanguage(string? lang, Validation validation, string field = "lang")
    {
        if (string.IsNullOrWhiteSpace(lang))
        {
            return null;
        }
        var language = KbLanguages.Normalize(lang);
        validation.When(language is null, field, $"One of: {string.Join(", ", KbLanguages.Supported)}.");
        return language;
    }

    private static string? Label(string? value) => string.IsNullOrWhiteSpace(value) ? null : Article.NormalizeLabel(value);
}

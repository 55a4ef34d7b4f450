using HelpDesk.KnowledgeBase.Infrastructure.Analytics;
using Microsoft.Extensions.Options;

namespace HelpDesk.KnowledgeBase.Api;

/// <summary>
/// Search analytics for support leads: a summary, the queries that found nothing, and deflection (articles read with
/// no ticket from the same requester within a window). Clicks are reported by readers (the portal) on the search id.
/// </summary>
public static class AnalyticsApi
{
    public const int MaxPeriodDays = 366;
    public const int MaxWindowHours = 24 * 90;

    public static RouteGroupBuilder MapAnalyticsApi(this RouteGroupBuilder kb)
    {
        kb.MapPost("/searches/{searchId:guid}/clicks", Click).WithName("Kb_RecordSearchClick")
            .WithSummary("Record a search result click")
            .WithDescription("Reports that the reader opened a result of an earlier search; logged a moment later (202).");
        var analytics = kb.MapGroup("/analytics").WithTags("KnowledgeBase analytics").RequireAnalyticsReader();
        analytics.MapGet("/searches", SummaryAsync).WithName("KbAnalytics_Searches")
            .WithSummary("Search summary")
            .WithDescription("Searches and clicks over a period, with the most frequent queries.");
        analytics.MapGet("/zero-results", ZeroResultsAsync).WithName("KbAnalytics_ZeroResults")
            .WithSummary("Queries that found nothing")
            .WithDescription("The most frequent queries without results: articles to write.");
        analytics.MapGet("/deflection", DeflectionAsync).WithName("KbAnalytics_Deflection")
            .WithSummary("Deflection")
            .WithDescription("Articles read with no ticket from the same requester within the window afterwards.");
        return kb;
    }

    /// <summary>Queued like the search itself; 202 because the log is written a moment later.</summary>
    private static Results<Accepted, ValidationProblem> Click(Guid searchId, ClickInput input, SearchAnalytics analytics, TimeProvider time)
    {
        if (input.ArticleId is not { } articleId || articleId == Guid.Empty)
        {
            return Validation.Problem("articleId", "The id of the article opened from this search is required.");
        }
        analytics.Record(new SearchClicked(searchId, articleId, time.GetUtcNow()));
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<Ok<SearchSummary>, ValidationProblem>> SummaryAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? lang, int? limit, AnalyticsReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var (validation, period) = ReadSearchPeriod(from, to, lang, limit, 20, time);
        return validation.IsValid
            ? TypedResults.Ok(await reports.SummaryAsync(period.From, period.To, period.Language, period.Limit, cancellationToken))
            : validation.Problem();
    }

    private static async Task<Results<Ok<ZeroResultReport>, ValidationProblem>> ZeroResultsAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? lang, int? limit, AnalyticsReports reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var (validation, period) = ReadSearchPeriod(from, to, lang, limit, 50, time);
        return validation.IsValid
            ? TypedResults.Ok(await reports.ZeroResultsAsync(period.From, period.To, period.Language, period.Limit, cancellationToken))
            : validation.Problem();
    }

    /// <summary>The parameters the search reports share: period, optional language, how many queries to list.</summary>
    private static (Validation Validation, (DateTimeOffset From, DateTimeOffset To, string? Language, int Limit) Period) ReadSearchPeriod(
        DateTimeOffset? from, DateTimeOffset? to, string? lang, int? limit, int defaultLimit, TimeProvider time)
    {
        var validation = new Validation();
        var (start, end) = Period(from, to, time, validation);
        var language = SearchApi.ReadLanguage(lang, validation);
        validation.Range(limit, "limit", 1, 100, "Between 1 and 100.");
        return (validation, (start, end, language, limit ?? defaultLimit));
    }

    private static async Task<Results<Ok<DeflectionReport>, ValidationProblem>> DeflectionAsync(
        DateTimeOffset? from, DateTimeOffset? to, int? windowHours, int? limit, AnalyticsReports reports, IOptions<KnowledgeBaseOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var (start, end) = Period(from, to, time, validation);
        validation
            .Range(windowHours, "windowHours", 1, MaxWindowHours, $"Between 1 and {MaxWindowHours} hours.")
            .Range(limit, "limit", 1, 100, "Between 1 and 100.");
        var window = windowHours is { } hours ? TimeSpan.FromHours(hours) : options.Value.DeflectionWindow;
        return validation.IsValid
            ? TypedResults.Ok(await reports.DeflectionAsync(start, end, window, limit ?? 20, cancellationToken))
            : validation.Problem();
    }

    /// <summary>[from, to): the last 30 days by default; at most a year; from before to.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) Period(DateTimeOffset? from, DateTimeOffset? to, TimeProvider time, Validation validation)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-30);
        validation
            .When(start >= end, "from", "'from' must be before 'to'.")
            .When(end - start > TimeSpan.FromDays(MaxPeriodDays), "from", $"A report covers at most {MaxPeriodDays} days.");
        return (start, end);
    }
}

using Microsoft.EntityFrameworkCore;

namespace HelpDesk.KnowledgeBase.Infrastructure.Analytics;

/// <summary>The support leads' reports over the analytics log.</summary>
public sealed class AnalyticsReports(KnowledgeBaseDbContext db, SearchAnalytics analytics, TimeProvider time)
{
    /// <summary>Rows one report reads at most (a report over a very busy period says so by its totals, it does not run away).</summary>
    public const int MaxRows = 200_000;

    public async Task<SearchSummary> SummaryAsync(DateTimeOffset from, DateTimeOffset to, string? language, int limit, CancellationToken cancellationToken)
    {
        var searches = Searches(from, to, language);
        // One statement, so the counts agree with each other while the writer commits new searches.
        var counts = await searches.GroupBy(_ => 1)
            .Select(g => new
            {
                All = g.Count(),
                Zero = g.Count(e => e.Total == 0),
                Relaxed = g.Count(e => e.Relaxed),
                Typos = g.Count(e => e.TypoTolerant),
                Clicked = g.Count(e => e.ClickedArticleId != null),
            })
            .FirstOrDefaultAsync(cancellationToken) ?? new { All = 0, Zero = 0, Relaxed = 0, Typos = 0, Clicked = 0 };
        return new SearchSummary(from, to, language, counts.All, counts.Zero, Rate(counts.Zero, counts.All), counts.Relaxed, counts.Typos,
            counts.Clicked, Rate(counts.Clicked, counts.All), await TopAsync(searches, limit, cancellationToken), analytics.Dropped);
    }

    public async Task<ZeroResultReport> ZeroResultsAsync(DateTimeOffset from, DateTimeOffset to, string? language, int limit, CancellationToken cancellationToken)
    {
        var searches = Searches(from, to, language);
        var counts = await searches.GroupBy(_ => 1)
            .Select(g => new { All = g.Count(), Zero = g.Count(e => e.Total == 0) })
            .FirstOrDefaultAsync(cancellationToken) ?? new { All = 0, Zero = 0 };
        return new ZeroResultReport(from, to, language, counts.All, counts.Zero, await TopAsync(searches.Where(e => e.Total == 0), limit, cancellationToken));
    }

    public async Task<DeflectionReport> DeflectionAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan window, int limit, CancellationToken cancellationToken)
    {
        var complete = time.GetUtcNow() - window;
        var events = await VisitsAsync(from, to, cancellationToken);
        var anonymous = events.Count(e => e.Requester is null);
        var known = events.Where(e => e.Requester is not null)
            .GroupBy(e => (e.Requester, e.ArticleId, Day: e.At.UtcDateTime.Date))
            .Select(g => g.OrderBy(e => e.At).First() with { Helpful = g.Any(e => e.Helpful) })
            .ToList();
        var pending = known.Count(e => e.At > complete);
        var counted = known.Where(e => e.At <= complete).ToList();
        var tickets = await TicketsAsync(counted.Select(e => e.Requester!).Distinct().ToList(), from, to + window, cancellationToken);
        var outcomes = counted.Select(e => (Visit: e, Deflected: !tickets.TryGetValue(e.Requester!, out var filed) || !filed.Any(at => at >= e.At && at <= e.At + window))).ToList();
        var deflected = outcomes.Count(o => o.Deflected);
        return new DeflectionReport(from, to, window, counted.Count, deflected, Rate(deflected, counted.Count), pending, anonymous,
            await ByArticleAsync(outcomes, limit, cancellationToken));
    }

    private IQueryable<SearchLogEntry> Searches(DateTimeOffset from, DateTimeOffset to, string? language)
    {
        var searches = db.SearchLog.AsNoTracking().Where(e => e.At >= from && e.At < to);
        return language is null ? searches : searches.Where(e => e.Language == language);
    }

    private static async Task<List<QueryCount>> TopAsync(IQueryable<SearchLogEntry> searches, int limit, CancellationToken cancellationToken) =>
        [.. (await searches
                .GroupBy(e => e.NormalizedQuery)
                .Select(g => new { Query = g.Key, Count = g.Count(), Last = g.Max(e => e.At) })
                .OrderByDescending(q => q.Count).ThenBy(q => q.Query)
                .Take(limit)
                .ToListAsync(cancellationToken))
            .Select(q => new QueryCount(q.Query, q.Count, q.Last))];

    /// <summary>Visits and "helpful" feedback in the period, as one list of events.</summary>
    private async Task<List<VisitEvent>> VisitsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var visits = await db.ArticleVisits.AsNoTracking().Where(v => v.At >= from && v.At < to)
            .Select(v => new VisitEvent(v.Requester, v.ArticleId, v.At, false)).Take(MaxRows).ToListAsync(cancellationToken);
        var helpful = await db.ArticleFeedback.AsNoTracking().Where(f => f.Helpful && f.CreatedAt >= from && f.CreatedAt < to)
            .Select(f => new VisitEvent(f.Requester, f.ArticleId, f.CreatedAt, true)).Take(MaxRows).ToListAsync(cancellationToken);
        return [.. visits, .. helpful];
    }

    private async Task<Dictionary<string, List<DateTimeOffset>>> TicketsAsync(List<string> requesters, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var found = new List<RequesterTicket>();
        foreach (var chunk in requesters.Chunk(500))
        {
            found.AddRange(await db.RequesterTickets.AsNoTracking()
                .Where(t => chunk.Contains(t.Requester) && t.SubmittedAt >= from && t.SubmittedAt <= until)
                .ToListAsync(cancellationToken));
        }
        return found.GroupBy(t => t.Requester).ToDictionary(g => g.Key, g => g.Select(t => t.SubmittedAt).ToList());
    }

    private async Task<List<ArticleDeflection>> ByArticleAsync(List<(VisitEvent Visit, bool Deflected)> outcomes, int limit, CancellationToken cancellationToken)
    {
        var perArticle = outcomes.GroupBy(o => o.Visit.ArticleId)
            .Select(g => (Id: g.Key, Visits: g.Count(), Helpful: g.Count(o => o.Visit.Helpful), Deflected: g.Count(o => o.Deflected)))
            .OrderByDescending(a => a.Deflected).ThenByDescending(a => a.Visits).Take(limit).ToList();
        var ids = perArticle.Select(a => a.Id).ToList();
        var titles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title, cancellationToken);
        return [.. perArticle.Select(a => new ArticleDeflection(a.Id, titles.GetValueOrDefault(a.Id, ""), a.Visits, a.Helpful, a.Deflected, Rate(a.Deflected, a.Visits)))];
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round(part / (double)whole, 4);

    private sealed record VisitEvent(string? Requester, Guid ArticleId, DateTimeOffset At, bool Helpful);
}

using System.Net;
using System.Text.Json;
using HelpDesk.KnowledgeBase.Infrastructure.Analytics;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>
/// Search analytics for support leads, through the KB API on a real host (SQLite, Lucene on disk, in-memory bus):
/// every search logged, clicks and visits, the summary (top queries, click-through), the zero-result report,
/// deflection against the tickets requesters filed, retention, and who may read and write what.
/// </summary>
public sealed class SearchAnalyticsTests
{
    private const string Portal = "portal-key";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Searches_are_logged_and_reported_with_top_queries_zero_results_and_clicks()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        await SearchReportsScenarioAsync(host);
    }

    /// <summary>Also run on PostgreSQL (<see cref="SearchAnalyticsPostgresTests"/>): the reports are SQL the providers translate differently.</summary>
    internal static async Task SearchReportsScenarioAsync(ServiceTestHost host)
    {
        var (vpn, _) = await SeedAsync(host);

        var first = await PortalSearchAsync(host, "vpn", "Ann@Example.com");
        await PortalSearchAsync(host, "  VPN ", "bob@example.com");
        await PortalSearchAsync(host, "printer", "bob@example.com");
        var nothing = await PortalSearchAsync(host, "zzqx qqzx", "carl@example.com");
        await PortalSearchAsync(host, "ZZQX  qqzx", null);
        Assert.Equal(0, nothing.Total);
        Assert.NotNull(first.SearchId);

        // The portal opens the first result of the first search (a click and a visit), and reports a click on another.
        var open = await PortalAsync(host, HttpMethod.Get, $"/api/v1/kb/articles/{vpn}?searchId={first.SearchId}&requester=ann%40example.com");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        var click = await PortalAsync(host, HttpMethod.Post, $"/api/v1/kb/searches/{nothing.SearchId}/clicks", new ClickInput(vpn));
        Assert.Equal(HttpStatusCode.Accepted, click.StatusCode);

        await AllWrittenAsync(host);
        var summary = await ReportAsync<SearchSummary>(host, "/api/v1/kb/analytics/searches");
        Assert.Equal(2, summary.Clicked);
        Assert.Equal(5, summary.Searches);
        Assert.Equal(2, summary.ZeroResults);
        Assert.Equal(0.4, summary.ZeroResultRate);
        Assert.Equal(0.4, summary.ClickThroughRate);
        Assert.Equal([("vpn", 2), ("zzqx qqzx", 2), ("printer", 1)], summary.TopQueries.Select(q => (q.Query, q.Count)));
        Assert.Equal(0, summary.EventsDropped);

        var zero = await ReportAsync<ZeroResultReport>(host, "/api/v1/kb/analytics/zero-results");
        Assert.Equal((5, 2), (zero.Searches, zero.ZeroResultSearches));
        Assert.Equal(("zzqx qqzx", 2), (Assert.Single(zero.Queries).Query, zero.Queries[0].Count));

        var log = await host.InScopeAsync(s => s.GetRequiredService<KnowledgeBaseDbContext>().SearchLog.AsNoTracking().ToListAsync(Ct));
        var logged = Assert.Single(log, e => e.Id == first.SearchId);
        Assert.Equal(("vpn", "ann@example.com", "portal", vpn, 1), (logged.Query, logged.Requester, logged.Channel, logged.ClickedArticleId, logged.Clicks));
        Assert.Null(Assert.Single(log, e => e.Query == "ZZQX  qqzx").Requester);
        var visit = Assert.Single(await host.InScopeAsync(s => s.GetRequiredService<KnowledgeBaseDbContext>().ArticleVisits.AsNoTracking().ToListAsync(Ct)));
        Assert.Equal((vpn, "ann@example.com", first.SearchId), (visit.ArticleId, visit.Requester, visit.SearchId));
    }

    [Fact]
    public async Task A_person_is_always_their_own_requester_whoever_they_name()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        await SeedAsync(host);
        var ann = TestCallers.Requester("ann");
        var grace = TestCallers.Agent("grace");

        var asAnn = await SearchAsAsync(host, "/api/v1/kb/search?q=vpn&requester=victim%40example.com", ann);
        var asGrace = await SearchAsAsync(host, "/api/v1/kb/search?q=vpn&requester=victim%40example.com", grace);

        var log = await Eventually.GetAsync(async () => await host.InScopeAsync(s =>
            s.GetRequiredService<KnowledgeBaseDbContext>().SearchLog.AsNoTracking().ToListAsync(Ct)) is { Count: 2 } rows ? rows : null, what: "two searches logged");
        Assert.Equal(ann.Email, Assert.Single(log, e => e.Id == asAnn.SearchId).Requester);
        Assert.Equal(grace.Email, Assert.Single(log, e => e.Id == asGrace.SearchId).Requester);
        Assert.DoesNotContain(log, e => e.Requester == "victim@example.com");
    }

    [Fact]
    public async Task Deflection_counts_readers_who_filed_no_ticket_within_the_window()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        await DeflectionScenarioAsync(host);
    }

    internal static async Task DeflectionScenarioAsync(ServiceTestHost host)
    {
        var (vpn, printer) = await SeedAsync(host);
        var now = DateTimeOffset.UtcNow;
        // On the hour, so Ann's second visit 20 minutes later falls on the same day whenever the test runs.
        var visit = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-5);
        await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<KnowledgeBaseDbContext>();
            db.ArticleVisits.AddRange(
                Visit(vpn, "ann@example.com", visit),
                Visit(vpn, "ann@example.com", visit.AddMinutes(20)), // the same reader again that day: one visit
                Visit(vpn, "bob@example.com", visit),
                Visit(printer, "dora@example.com", now.AddMinutes(-10))); // its window has not passed: pending
            db.ArticleFeedback.Add(new ArticleFeedback { Id = Guid.NewGuid(), ArticleId = printer, Version = 1, Helpful = true, Requester = "carl@example.com", CreatedAt = visit });
            db.ArticleFeedback.Add(new ArticleFeedback { Id = Guid.NewGuid(), ArticleId = printer, Version = 1, Helpful = true, CreatedAt = visit });
            return await db.SaveChangesAsync(Ct);
        });
        // Bob files a ticket half an hour after reading (not deflected); Ann only two hours later (outside the window).
        var bus = host.GetRequiredService<IBus>();
        await bus.Publish(Ticket("Bob@Example.com", visit.AddMinutes(30)), Ct);
        await bus.Publish(Ticket("ann@example.com", visit.AddHours(2)), Ct);
        await Eventually.TrueAsync(async () => await host.InScopeAsync(s =>
            s.GetRequiredService<KnowledgeBaseDbContext>().RequesterTickets.CountAsync(Ct)) == 2, what: "both tickets recorded");

        var report = await ReportAsync<DeflectionReport>(host, $"/api/v1/kb/analytics/deflection?windowHours=1&from={Iso(now.AddDays(-1))}&to={Iso(now.AddMinutes(1))}");

        Assert.Equal(TimeSpan.FromHours(1), report.Window);
        Assert.Equal((3, 2, 1, 1), (report.Visits, report.Deflected, report.Pending, report.Anonymous));
        Assert.Equal(0.6667, report.DeflectionRate);
        var vpnRow = Assert.Single(report.Articles, a => a.ArticleId == vpn);
        Assert.Equal(("Connecting to the VPN from home", 2, 0, 1), (vpnRow.Title, vpnRow.Visits, vpnRow.Helpful, vpnRow.Deflected));
        var printerRow = Assert.Single(report.Articles, a => a.ArticleId == printer);
        Assert.Equal((1, 1, 1, 1.0), (printerRow.Visits, printerRow.Helpful, printerRow.Deflected, printerRow.DeflectionRate));

        // With a window of a day Ann's ticket counts too.
        var day = await ReportAsync<DeflectionReport>(host, $"/api/v1/kb/analytics/deflection?windowHours=24&from={Iso(now.AddDays(-1))}&to={Iso(now.AddMinutes(1))}");
        Assert.Equal((0, 0, 4), (day.Visits, day.Deflected, day.Pending));
    }

    [Fact]
    public async Task Feedback_from_the_portal_names_its_requester()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        var (vpn, _) = await SeedAsync(host);

        var feedback = await PortalAsync(host, HttpMethod.Post, $"/api/v1/kb/articles/{vpn}/feedback", new FeedbackInput(true, Requester: " Eve@Example.com "));
        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);

        var stored = await host.InScopeAsync(s => s.GetRequiredService<KnowledgeBaseDbContext>().ArticleFeedback.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(("eve@example.com", true), (stored.Requester, stored.Helpful));
    }

    [Fact]
    public async Task Retention_removes_what_is_older_than_the_setting_and_keeps_the_rest()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service, new Dictionary<string, string?>
        {
            ["KnowledgeBase:AnalyticsRetention"] = "30.00:00:00",
            ["KnowledgeBase:DeflectionWindow"] = "7.00:00:00",
        });
        var now = DateTimeOffset.UtcNow;
        var article = Guid.NewGuid();
        await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<KnowledgeBaseDbContext>();
            db.SearchLog.AddRange(Search("old", now.AddDays(-31)), Search("recent", now.AddDays(-29)));
            db.ArticleVisits.AddRange(Visit(article, "a@example.com", now.AddDays(-31)), Visit(article, "a@example.com", now.AddDays(-1)));
            // Tickets stay a deflection window longer than visits: a 31-day-old visit's ticket may still be needed by a 29-day-old one.
            db.RequesterTickets.AddRange(
                new RequesterTicket { TicketId = Guid.NewGuid(), Requester = "a@example.com", SubmittedAt = now.AddDays(-38) },
                new RequesterTicket { TicketId = Guid.NewGuid(), Requester = "a@example.com", SubmittedAt = now.AddDays(-36) });
            return await db.SaveChangesAsync(Ct);
        });

        var removed = await host.GetRequiredService<AnalyticsRetention>().PurgeAsync(Ct);

        Assert.Equal(3, removed);
        var left = await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<KnowledgeBaseDbContext>();
            return (await db.SearchLog.Select(e => e.Query).ToListAsync(Ct), await db.ArticleVisits.CountAsync(Ct), await db.RequesterTickets.CountAsync(Ct));
        });
        Assert.Equal(["recent"], left.Item1);
        Assert.Equal((1, 1), (left.Item2, left.Item3));
    }

    [Fact]
    public async Task Reports_are_for_support_leads_and_bad_parameters_are_named()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);

        foreach (var path in new[] { "/api/v1/kb/analytics/searches", "/api/v1/kb/analytics/zero-results", "/api/v1/kb/analytics/deflection" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Get, path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Get, path, "kb:read")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, path, KnowledgeBaseUnderTest.Agent)).StatusCode);
        }

        var now = DateTimeOffset.UtcNow;
        await AssertProblemAsync(host, $"/api/v1/kb/analytics/searches?from={Iso(now)}&to={Iso(now.AddDays(-1))}", "from");
        await AssertProblemAsync(host, $"/api/v1/kb/analytics/searches?from={Iso(now.AddDays(-400))}", "from");
        await AssertProblemAsync(host, "/api/v1/kb/analytics/searches?limit=0", "limit");
        await AssertProblemAsync(host, "/api/v1/kb/analytics/zero-results?lang=xx", "lang");
        await AssertProblemAsync(host, "/api/v1/kb/analytics/deflection?windowHours=0", "windowHours");
        await AssertProblemAsync(host, $"/api/v1/kb/search?q=vpn&requester={new string('a', 400)}", "requester");

        var click = await host.SendAsync(HttpMethod.Post, $"/api/v1/kb/searches/{Guid.NewGuid()}/clicks", body: new ClickInput(null));
        Assert.Equal(HttpStatusCode.BadRequest, click.StatusCode);
        Assert.True((await click.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("articleId", out _));
    }

    private static async Task<(Guid Vpn, Guid Printer)> SeedAsync(ServiceTestHost host)
    {
        var vpn = await host.CreateArticleAsync("Connecting to the VPN from home", "Install the VPN client and sign in with your company account.", "en", "network", ["vpn"]);
        var printer = await host.CreateArticleAsync("Printer shows a paper jam", "Open the front tray and remove the jammed paper.", "en", "hardware", ["printer"]);
        await host.PublishAsync(vpn.Id);
        await host.PublishAsync(printer.Id);
        await host.SearchUntilAsync("/api/v1/kb/search?q=vpn+printer", r => r.Total == 2);
        // The seeding searches above are not what the tests count.
        await AllWrittenAsync(host);
        Assert.True(host.GetRequiredService<SearchAnalytics>().Written > 0);
        await host.InScopeAsync(s => s.GetRequiredService<KnowledgeBaseDbContext>().SearchLog.ExecuteDeleteAsync(Ct));
        return (vpn.Id, printer.Id);
    }

    /// <summary>Waits until the analytics writer has stored everything queued so far (the log is written off the request path).</summary>
    private static Task AllWrittenAsync(ServiceTestHost host)
    {
        var analytics = host.GetRequiredService<SearchAnalytics>();
        return Eventually.TrueAsync(() => Task.FromResult(analytics.Pending == 0), what: "analytics written");
    }

    private static async Task<SearchResults> PortalSearchAsync(ServiceTestHost host, string query, string? requester)
    {
        var path = $"/api/v1/kb/search?q={Uri.EscapeDataString(query)}" + (requester is null ? "" : $"&requester={Uri.EscapeDataString(requester)}");
        var response = await PortalAsync(host, HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<SearchResults>();
    }

    /// <summary>The portal's key as the gateway vouches for it: a client id, a channel, kb:read.</summary>
    private static async Task<HttpResponseMessage> PortalAsync(ServiceTestHost host, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path).As(TestCallers.Channel(Portal, "portal", ["kb:read"]));
        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body, options: TestJson.Options);
        }
        return await host.Anonymous.SendAsync(request, Ct);
    }

    private static async Task<SearchResults> SearchAsAsync(ServiceTestHost host, string path, ServiceDefaults.Http.Caller person)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path).As(person);
        var response = await host.Anonymous.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<SearchResults>();
    }

    private static async Task<T> ReportAsync<T>(ServiceTestHost host, string path)
    {
        var response = await host.SendAsync(HttpMethod.Get, path, KnowledgeBaseUnderTest.Agent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<T>();
    }

    private static async Task AssertProblemAsync(ServiceTestHost host, string path, string field)
    {
        var response = await host.SendAsync(HttpMethod.Get, path, KnowledgeBaseUnderTest.Agent);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), $"no error for {field} in {path}");
    }

    private static ArticleVisit Visit(Guid article, string requester, DateTimeOffset at) =>
        new() { Id = Guid.NewGuid(), ArticleId = article, Requester = requester, At = at };

    private static SearchLogEntry Search(string query, DateTimeOffset at) =>
        new() { Id = Guid.NewGuid(), At = at, Query = query, NormalizedQuery = query, Total = 1 };

    private static TicketSubmitted Ticket(string requester, DateTimeOffset submittedAt) =>
        new(Guid.NewGuid(), "T-" + Random.Shared.Next(100000, 999999), TicketType.Incident, TicketChannel.Portal, TicketPriority.Medium,
            new Requester(requester), "VPN drops", "The VPN still drops.", [], "en", submittedAt);

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("O"));
}

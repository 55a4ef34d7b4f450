using System.Net;
using System.Text.Json;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>
/// The bad queries through HTTP, by GET and by POST (a body carries what a URL cannot): each is a 400 naming
/// <c>q</c> or a normal answer, never a 5xx.
/// </summary>
public sealed class SearchBadInputTests
{
    private static readonly (string Query, string? Lang, HttpStatusCode Expected)[] Queries =
    [
        ("", null, HttpStatusCode.BadRequest),
        ("   ", null, HttpStatusCode.BadRequest),
        (new string('a', 10_000), null, HttpStatusCode.BadRequest),
        ("the of and", "en", HttpStatusCode.BadRequest),
        ("?!.,;", null, HttpStatusCode.BadRequest),
        ("+ - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ /", null, HttpStatusCode.BadRequest),
        ("\"unbalanced printer", null, HttpStatusCode.OK),
        ("printer) AND (jam", null, HttpStatusCode.OK),
        ("paper~2 jam^3 pri*", null, HttpStatusCode.OK),
        ("title:printer", null, HttpStatusCode.OK),
    ];

    [Fact]
    public async Task A_bad_query_is_a_problem_naming_q_or_a_sensible_answer()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        var printer = await host.CreateArticleAsync("Printer shows a paper jam", "Open the front tray and remove the jammed paper.", "en", "hardware", ["printer"]);
        await host.PublishAsync(printer.Id);
        await host.SearchUntilAsync("/api/v1/kb/search?q=printer", r => r.Total == 1);

        foreach (var (query, lang, expected) in Queries)
        {
            // Kestrel refuses a request line over 8 KB itself (414); the 10,000-character query is tested by POST only.
            var response = query.Length > 5_000
                ? await host.SendAsync(HttpMethod.Post, "/api/v1/kb/search", body: new SearchInput(query, lang))
                : await host.SendAsync(HttpMethod.Get, "/api/v1/kb/search?q=" + Uri.EscapeDataString(query) + (lang is null ? "" : "&lang=" + lang));
            var byBody = await host.SendAsync(HttpMethod.Post, "/api/v1/kb/search", body: new SearchInput(query, lang));

            Assert.True(expected == response.StatusCode, $"{query[..Math.Min(query.Length, 40)]}: {response.StatusCode}");
            Assert.True(expected == byBody.StatusCode, $"POST {query[..Math.Min(query.Length, 40)]}: {byBody.StatusCode}");
            if (expected == HttpStatusCode.BadRequest)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True((await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("q", out _), query);
            }
            else
            {
                Assert.Equal(printer.Id, (await response.ReadAsync<SearchResults>()).Hits[0].ArticleId);
            }
        }
    }
}

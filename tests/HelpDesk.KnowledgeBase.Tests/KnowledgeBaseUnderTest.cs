using System.Net.Http.Json;
using HelpDesk.Testing;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>
/// The knowledge base as tests start it (SQLite, in-memory bus, Lucene index in the host's data directory):
/// <c>ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service)</c>, the scopes its callers hold, and API helpers.
/// </summary>
internal static class KnowledgeBaseUnderTest
{
    public static readonly TestedService Service = new("kb", b => b.AddKnowledgeBase(), app => app.MapKnowledgeBase());

    public const string Editor = "kb:write kb:read";
    public const string Agent = "kb:internal kb:read";
    public const string Admin = "kb:admin";

    public static HttpRequestMessage Request(HttpMethod method, string path, string? scopes = null, object? body = null)
    {
        // No scopes: a reader (kb:read only), as a portal or a requester would be.
        var request = new HttpRequestMessage(method, path).As(TestCallers.Channel("kb-test", "api", (scopes ?? "kb:read").Split(' ')));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: TestJson.Options);
        }
        return request;
    }

    public static async Task<HttpResponseMessage> SendAsync(this ServiceTestHost host, HttpMethod method, string path, string? scopes = null, object? body = null)
    {
        using var request = Request(method, path, scopes, body);
        return await host.Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var value = await response.Content.ReadFromJsonAsync<T>(TestJson.Options, TestContext.Current.CancellationToken);
        return value ?? throw new InvalidOperationException("Empty body.");
    }

    public static async Task<ArticleView> CreateArticleAsync(this ServiceTestHost host, string title, string body, string language = "en", string category = "general", string[]? tags = null)
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/v1/kb/articles", Editor, new ArticleInput(title, body, language, category, tags ?? []));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<ArticleView>();
    }

    public static async Task<ArticleView> PublishAsync(this ServiceTestHost host, Guid id, PublishInput? input = null)
    {
        var response = await host.SendAsync(HttpMethod.Post, $"/api/v1/kb/articles/{id}/publish", Editor, input ?? new PublishInput());
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<ArticleView>();
    }

    public static async Task<SearchResults> SearchAsync(this ServiceTestHost host, string query, string? scopes = null)
    {
        var response = await host.SendAsync(HttpMethod.Get, query, scopes);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<SearchResults>();
    }

    /// <summary>Waits until the event-driven index shows what <paramref name="ready"/> expects.</summary>
    public static Task<SearchResults> SearchUntilAsync(this ServiceTestHost host, string query, Func<SearchResults, bool> ready, string? scopes = null) =>
        Eventually.GetAsync<SearchResults>(async () => await host.SearchAsync(query, scopes) is var r && ready(r) ? r : null, what: $"search {query}");
}

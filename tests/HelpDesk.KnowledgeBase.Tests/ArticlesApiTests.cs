using System.Net;
using System.Text.Json;
using HelpDesk.Contracts;
using HelpDesk.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.KnowledgeBase.Tests;

public sealed class ArticlesApiTests
{
    [Fact]
    public async Task Draft_edit_publish_withdraw_lifecycle_keeps_versions_and_drives_search()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        var created = await host.CreateArticleAsync("Reset a locked account", "Unlock the account from the admin console.", "en", "Account", ["Lockout", "AD"]);
        Assert.Equal(ArticleVisibility.Draft, created.Visibility);
        Assert.Equal("account", created.Category);
        Assert.Equal(["lockout", "ad"], created.Tags);

        // Drafts are never searchable, not even for agents.
        Assert.Empty((await host.SearchAsync("/api/v1/kb/search?q=locked+account", KnowledgeBaseUnderTest.Agent)).Hits);

        await host.PublishAsync(created.Id);
        var found = await host.SearchUntilAsync("/api/v1/kb/search?q=locked+account", r => r.Total == 1);
        Assert.Equal(1, found.Hits[0].Version);

        // An edit is a new version; readers keep seeing the published one until it is published.
        var edit = await host.SendAsync(HttpMethod.Put, $"/api/v1/kb/articles/{created.Id}", KnowledgeBaseUnderTest.Editor,
            new ArticleInput("Unlock a locked account", "Use the self-service unlock page or the admin console.", "en", "account", ["lockout"], ExpectedVersion: 1));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var publicView = await (await host.SendAsync(HttpMethod.Get, $"/api/v1/kb/articles/{created.Id}")).ReadAsync<ArticleView>();
        Assert.Equal("Reset a locked account", publicView.Title);
        var editorView = await (await host.SendAsync(HttpMethod.Get, $"/api/v1/kb/articles/{created.Id}", KnowledgeBaseUnderTest.Editor)).ReadAsync<ArticleView>();
        Assert.Equal("Unlock a locked account", editorView.Title);
        Assert.Equal(2, editorView.LatestVersion);
        Assert.Equal(1, editorView.PublishedVersion);

        var stale = await host.SendAsync(HttpMethod.Put, $"/api/v1/kb/articles/{created.Id}", KnowledgeBaseUnderTest.Editor,
            new ArticleInput("x", "y", "en", "account", [], ExpectedVersion: 1));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        await host.PublishAsync(created.Id);
        var v2 = await host.SearchUntilAsync("/api/v1/kb/search?q=self-service+unlock", r => r.Total == 1 && r.Hits[0].Version == 2);
        Assert.Equal("Unlock a locked account", v2.Hits[0].Title);

        var versions = await (await host.SendAsync(HttpMethod.Get, $"/api/v1/kb/articles/{created.Id}/versions", KnowledgeBaseUnderTest.Editor)).ReadAsync<List<ArticleVersionView>>();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.True(versions[1].Published);

        // Publishing an older version again rolls the article back.
        await host.PublishAsync(created.Id, new PublishInput(Version: 1));
        await host.SearchUntilAsync("/api/v1/kb/search?q=locked+account", r => r.Total == 1 && r.Hits[0].Version == 1);

        var withdrawn = await host.SendAsync(HttpMethod.Post, $"/api/v1/kb/articles/{created.Id}/withdraw", KnowledgeBaseUnderTest.Editor);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        await host.SearchUntilAsync("/api/v1/kb/search?q=locked+account", r => r.Total == 0);
        Assert.Equal(HttpStatusCode.NotFound, (await host.SendAsync(HttpMethod.Get, $"/api/v1/kb/articles/{created.Id}")).StatusCode);

        // Every publish and withdrawal went through the outbox with an increasing revision.
        var events = await host.InScopeAsync(async services =>
            await services.GetRequiredService<KnowledgeBaseDbContext>().OutboxMessages.AsNoTracking().OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync());
        Assert.Equal(4, events.Count(t => t.Contains(nameof(KbArticlePublished), StringComparison.Ordinal)) + events.Count(t => t.Contains(nameof(KbArticleWithdrawn), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Internal_articles_need_the_internal_scope()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        var article = await host.CreateArticleAsync("Escalation matrix for P1 incidents", "Call the duty manager, then the service owner.", "en", "process");
        await host.PublishAsync(article.Id, new PublishInput(Visibility: ArticleVisibility.Internal));

        var agents = await host.SearchUntilAsync("/api/v1/kb/search?q=escalation+matrix", r => r.Total == 1, KnowledgeBaseUnderTest.Agent);
        Assert.Equal(ArticleVisibility.Internal, agents.Hits[0].Visibility);
        Assert.Empty((await host.SearchAsync("/api/v1/kb/search?q=escalation+matrix", "kb:read")).Hits);
        Assert.Empty((await host.SearchAsync("/api/v1/kb/search?q=escalation+matrix")).Hits);
        Assert.Equal(HttpStatusCode.NotFound, (await host.SendAsync(HttpMethod.Get, $"/api/v1/kb/articles/{article.Id}", "kb:read")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Get, $"/api/v1/kb/articles/{article.Id}", KnowledgeBaseUnderTest.Agent)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.SendAsync(HttpMethod.Post, $"/api/v1/kb/articles/{article.Id}/feedback", "kb:read", new FeedbackInput(true))).StatusCode);
    }

    [Fact]
    public async Task Writes_need_the_write_scope_and_bad_input_names_the_field()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        var forbidden = await host.SendAsync(HttpMethod.Post, "/api/v1/kb/articles", "kb:read", new ArticleInput("T", "B", "en", "c", []));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var invalid = await host.SendAsync(HttpMethod.Post, "/api/v1/kb/articles", KnowledgeBaseUnderTest.Editor, new ArticleInput("", null, "de", " ", ["ok", " "]));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.ReadAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "title", "body", "language", "category", "tags" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }

        var badSearch = await host.SendAsync(HttpMethod.Get, "/api/v1/kb/search?q=&lang=xx&pageSize=500");
        Assert.Equal(HttpStatusCode.BadRequest, badSearch.StatusCode);
        var searchErrors = (await badSearch.ReadAsync<JsonElement>()).GetProperty("errors");
        Assert.True(searchErrors.TryGetProperty("q", out _));
        Assert.True(searchErrors.TryGetProperty("lang", out _));
        Assert.True(searchErrors.TryGetProperty("pageSize", out _));

        var article = await host.CreateArticleAsync("Title", "Body text");
        var draftPublish = await host.SendAsync(HttpMethod.Post, $"/api/v1/kb/articles/{article.Id}/publish", KnowledgeBaseUnderTest.Editor, new PublishInput(Visibility: ArticleVisibility.Draft));
        Assert.Equal(HttpStatusCode.BadRequest, draftPublish.StatusCode);
        var missingVersion = await host.SendAsync(HttpMethod.Post, $"/api/v1/kb/articles/{article.Id}/publish", KnowledgeBaseUnderTest.Editor, new PublishInput(Version: 9));
        Assert.Equal(HttpStatusCode.BadRequest, missingVersion.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Post, "/api/v1/kb/admin/reindex", KnowledgeBaseUnderTest.Editor)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Get, "/api/v1/kb/articles")).StatusCode);
    }

    [Fact]
    public async Task Feedback_is_counted_per_published_article()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        var article = await host.CreateArticleAsync("Clear the browser cache", "Press Ctrl+Shift+Delete and clear cached files.", "en", "software");
        Assert.Equal(HttpStatusCode.NotFound, (await host.SendAsync(HttpMethod.Post, $"/api/v1/kb/articles/{article.Id}/feedback", null, new FeedbackInput(true))).StatusCode);
        await host.PublishAsync(article.Id);

        await host.SendAsync(HttpMethod.Post, $"/api/v1/kb/articles/{article.Id}/feedback", null, new FeedbackInput(true));
        await host.SendAsync(HttpMethod.Post, $"/api/v1/kb/articles/{article.Id}/feedback", null, new FeedbackInput(true, "worked"));
        var last = await host.SendAsync(HttpMethod.Post, $"/api/v1/kb/articles/{article.Id}/feedback", null, new FeedbackInput(false, "did not help"));
        Assert.Equal(new FeedbackView(article.Id, 2, 1), await last.ReadAsync<FeedbackView>());
        var missing = await host.SendAsync(HttpMethod.Post, $"/api/v1/kb/articles/{article.Id}/feedback", null, new FeedbackInput(null));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var rows = await host.InScopeAsync(services => services.GetRequiredService<KnowledgeBaseDbContext>().ArticleFeedback.CountAsync(f => f.ArticleId == article.Id));
        Assert.Equal(3, rows);
    }

    [Fact]
    public async Task Deleted_articles_leave_search()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        var article = await host.CreateArticleAsync("Map a network drive", "Open Explorer and choose Map network drive.", "en", "network");
        await host.PublishAsync(article.Id);
        await host.SearchUntilAsync("/api/v1/kb/search?q=network+drive", r => r.Total == 1);
        Assert.Equal(HttpStatusCode.NoContent, (await host.SendAsync(HttpMethod.Delete, $"/api/v1/kb/articles/{article.Id}", KnowledgeBaseUnderTest.Editor)).StatusCode);
        await host.SearchUntilAsync("/api/v1/kb/search?q=network+drive", r => r.Total == 0);
        Assert.Equal(HttpStatusCode.NotFound, (await host.SendAsync(HttpMethod.Get, $"/api/v1/kb/articles/{article.Id}", KnowledgeBaseUnderTest.Editor)).StatusCode);
    }
}

using HelpDesk.Contracts;
using HelpDesk.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.KnowledgeBase.Tests;

/// <summary>A problem's published known error becomes one internal article, updated by later publications (issue 17).</summary>
public sealed class KnownErrorArticleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ProblemKnownErrorPublished Published(Guid problemId, long revision, string workaround) => new(
        problemId, "HD-000042", "Known error: Mail relay drops large messages", "The relay limit is 10 MB.", workaround, "en", "Email",
        ["mail", "relay"], revision, "Grace Hopper", DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_first_publication_creates_an_internal_article_and_later_ones_publish_new_versions()
    {
        await using var host = await ServiceTestHost.StartAsync(KnowledgeBaseUnderTest.Service);
        var bus = host.Services.GetRequiredService<IBus>();
        var problemId = Guid.CreateVersion7();

        await bus.Publish(Published(problemId, 1, "Share large files by link."), Ct);
        var first = await Eventually.GetAsync(async () =>
        {
            var response = await host.SendAsync(HttpMethod.Get, $"/api/v1/kb/articles/{problemId}", KnowledgeBaseUnderTest.Agent);
            return response.IsSuccessStatusCode ? await response.ReadAsync<ArticleView>() : null;
        }, what: "the known-error article");
        Assert.Equal((ArticleVisibility.Internal, 1), (first.Visibility, first.PublishedVersion));
        Assert.Contains("Share large files by link.", first.Body, StringComparison.Ordinal);
        Assert.Contains("known-error", first.Tags);
        Assert.Equal("email", first.Category);

        await host.SearchUntilAsync("/api/v1/kb/search?q=relay+limit", r => r.Total == 1 && r.Hits[0].ArticleId == problemId, KnowledgeBaseUnderTest.Agent);
        var asRequester = await host.SendAsync(HttpMethod.Get, $"/api/v1/kb/articles/{problemId}", "kb:read");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, asRequester.StatusCode);

        await bus.Publish(Published(problemId, 2, "Use the file share for anything over 10 MB."), Ct);
        var second = await Eventually.GetAsync(async () =>
        {
            var article = await (await host.SendAsync(HttpMethod.Get, $"/api/v1/kb/articles/{problemId}", KnowledgeBaseUnderTest.Agent)).ReadAsync<ArticleView>();
            return article.PublishedVersion == 2 ? article : null;
        }, what: "the updated article");
        Assert.Contains("Use the file share", second.Body, StringComparison.Ordinal);
        Assert.Equal(2, second.LatestVersion);
    }
}

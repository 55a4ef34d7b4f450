using HelpDesk.Client.Intake.Models;
using HelpDesk.Embedded;
using HelpDesk.Gateway.Security;
using HelpDesk.Testing;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using KbModels = HelpDesk.Client.Kb.Models;

namespace HelpDesk.ApiContract.Tests;

/// <summary>
/// What a channel app does, with the Kiota client generated from the committed documents, through the real gateway in
/// front of the embedded platform: submit with an Idempotency-Key and retry it, follow the ticket until it is routed,
/// comment, search the knowledge base, and handle a validation problem and a 429. A change of behaviour the documents
/// do not show (a renamed member, an undocumented status, a missing header) fails here.
/// </summary>
public sealed class ChannelAppTests
{
    private const string PortalKey = "hdk_contract_portal_0123456789abcdefghijklmnopqr";
    private const string EditorKey = "hdk_contract_editor_0123456789abcdefghijklmnopqr";
    private const string ThrottledKey = "hdk_contract_throttle_0123456789abcdefghijklmno";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Keys() =>
    [
        .. Key(0, "portal", PortalKey, "tickets:write", "tickets:read", "kb:read"),
        .. Key(1, "kb-editor", EditorKey, "kb:read", "kb:write", "kb:internal"),
        .. Key(2, "throttled", ThrottledKey, "tickets:read"),
        "--Gateway:ApiKeys:2:RateLimitPerMinute=1", "--Gateway:ApiKeys:2:Burst=1",
        "--Logging:LogLevel:Default=Warning",
    ];

    private static IEnumerable<string> Key(int index, string id, string key, params string[] scopes) =>
        new[] { $"--Gateway:ApiKeys:{index}:Id={id}", $"--Gateway:ApiKeys:{index}:Channel=portal", $"--Gateway:ApiKeys:{index}:KeyHash={ApiKeyHash.Compute(key, null)}" }
            .Concat(scopes.Select((s, i) => $"--Gateway:ApiKeys:{index}:Scopes:{i}={s}"));

    [Fact]
    public async Task A_channel_app_built_from_the_documents_submits_follows_comments_and_searches()
    {
        using var data = new TempDirectory("helpdesk-channel-app");
        await using var platform = await EmbeddedPlatform.StartAsync(data.Path, Keys(), Ct);
        using var portal = new ChannelAppClient(platform.GatewayAddress, PortalKey);
        using var editor = new ChannelAppClient(platform.GatewayAddress, EditorKey);

        var article = await PublishArticleAsync(editor);
        var ticket = await SubmitTwiceAsync(portal);

        // Follow until routing has decided (a queue is set), as a portal's status page does.
        var routed = await Eventually.GetAsync(async () =>
        {
            var current = await portal.Intake.Api.V1.Tickets[ticket.Id!.Value.ToString()].GetAsync(cancellationToken: Ct);
            return current?.Queue is { Length: > 0 } ? current : null;
        }, what: $"ticket {ticket.Number} to be routed");
        Assert.Equal(ticket.Number, routed.Number);
        Assert.Matches("^HD-[0-9]{6,}$", routed.Number);
        Assert.NotNull(routed.Status);
        await AssertDescribedAsync(platform, $"/api/v1/tickets/{ticket.Id}", "intake", "TicketResponse");

        var comment = await portal.Intake.Api.V1.Tickets[ticket.Number!].Comments.PostAsync(
            new CommentRequest { Body = "It jams on every second page since this morning." }, cancellationToken: Ct);
        Assert.Equal("It jams on every second page since this morning.", comment!.Body);
        var comments = await portal.Intake.Api.V1.Tickets[ticket.Number!].Comments.GetAsync(cancellationToken: Ct);
        Assert.Contains(comments!, c => c.Id == comment.Id);

        var found = await Eventually.GetAsync(async () =>
        {
            var results = await portal.Kb.Api.V1.Kb.Search.GetAsync(q => q.QueryParameters.Q = "printer jams", cancellationToken: Ct);
            return results?.Hits?.FirstOrDefault(h => h.ArticleId == article.Id);
        }, what: "the published article to be searchable");
        Assert.Equal("Printer jams on every second page", found.Title);
        await AssertDescribedAsync(platform, "/api/v1/kb/search?q=printer", "kb", "SearchResults");
    }

    /// <summary>
    /// A generated client silently drops members its document does not describe, so the raw answer is compared with the
    /// committed schema: every member the service sends must be in the document the client was generated from.
    /// </summary>
    private static async Task AssertDescribedAsync(EmbeddedPlatform platform, string path, string document, string schema)
    {
        using var http = new HttpClient { BaseAddress = platform.GatewayAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", PortalKey);
        using var response = await http.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        var contract = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(
            Path.Combine(PublishedDocumentTests.RepositoryRoot(), "docs", "openapi", $"{document}.json"), Ct))!;
        var described = contract["components"]!["schemas"]![schema]!["properties"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var undescribed = body.Select(p => p.Key).Where(k => !described.Contains(k)).ToList();
        Assert.True(undescribed.Count == 0, $"{path} answers members {schema} in docs/openapi/{document}.json does not describe: {string.Join(", ", undescribed)}");
    }

    [Fact]
    public async Task A_channel_app_gets_typed_validation_and_rate_limit_problems()
    {
        using var data = new TempDirectory("helpdesk-channel-app-errors");
        await using var platform = await EmbeddedPlatform.StartAsync(data.Path, Keys(), Ct);
        using var portal = new ChannelAppClient(platform.GatewayAddress, PortalKey);
        using var throttled = new ChannelAppClient(platform.GatewayAddress, ThrottledKey);

        var invalid = await Assert.ThrowsAsync<HttpValidationProblemDetails>(() => portal.Intake.Api.V1.Tickets.PostAsync(
            new SubmitTicketRequest { Subject = "", Description = "No subject", RequesterEmail = "ada@example.org" }, cancellationToken: Ct));
        Assert.Equal(400, invalid.ResponseStatusCode);
        Assert.Contains("subject", invalid.Errors!.AdditionalData.Keys);

        await throttled.Intake.Api.V1.Tickets.GetAsync(cancellationToken: Ct);
        // Kiota's default RetryHandler would wait Retry-After and try again by itself; here the app sees the 429.
        var limited = await Assert.ThrowsAsync<ProblemDetails>(() => throttled.Intake.Api.V1.Tickets.GetAsync(
            c => c.Options.Add(new RetryHandlerOption { MaxRetry = 0 }), Ct));
        Assert.Equal(429, limited.ResponseStatusCode);
        Assert.Equal(429, limited.Status);
        var retryAfter = limited.ResponseHeaders.First(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value.Single();
        Assert.True(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture) >= 1, $"Retry-After: {retryAfter}");

        // The documents as the gateway serves them name the gateway as their server; Scalar offers both credentials.
        using var http = new HttpClient { BaseAddress = platform.GatewayAddress };
        var served = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/openapi/intake.json", Ct))!;
        Assert.Equal(platform.GatewayAddress.ToString().TrimEnd('/'), (string?)served["servers"]![0]!["url"]);
        var scalar = await http.GetStringAsync("/scalar/", Ct);
        Assert.Contains("helpdesk-api-docs", scalar, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", scalar, StringComparison.Ordinal);

        var unauthorised = new ChannelAppClient(platform.GatewayAddress, "hdk_not_a_key_0123456789abcdefghijklmnopqrstuv");
        using (unauthorised)
        {
            var refused = await Assert.ThrowsAsync<ProblemDetails>(() => unauthorised.Intake.Api.V1.Tickets.GetAsync(cancellationToken: Ct));
            Assert.Equal(401, refused.ResponseStatusCode);
        }
    }

    /// <summary>The same Idempotency-Key twice (a retry after a lost answer) gives one ticket, the second answer marked replayed.</summary>
    private static async Task<TicketResponse> SubmitTwiceAsync(ChannelAppClient portal)
    {
        var request = new SubmitTicketRequest
        {
            Subject = "Printer on floor 3 jams",
            Description = "The printer by the lifts jams on every second page.",
            RequesterEmail = "ada@example.org",
            RequesterName = "Ada Lovelace",
            Tags = ["printer"],
        };
        var key = $"portal-form-{Guid.NewGuid():N}";
        var first = await portal.Intake.Api.V1.Tickets.PostAsync(request, c => c.Headers.Add("Idempotency-Key", key), Ct);
        var inspection = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var retry = await portal.Intake.Api.V1.Tickets.PostAsync(request, c =>
        {
            c.Headers.Add("Idempotency-Key", key);
            c.Options.Add(inspection);
        }, Ct);
        Assert.Equal(first!.Id, retry!.Id);
        Assert.Equal("true", inspection.ResponseHeaders["Idempotent-Replayed"].Single());
        var page = await portal.Intake.Api.V1.Tickets.GetAsync(q => q.QueryParameters.Q = "floor 3", Ct);
        Assert.Single(page!.Items!, t => t.Id == first.Id);
        return first;
    }

    private static async Task<KbModels.ArticleView> PublishArticleAsync(ChannelAppClient editor)
    {
        var draft = await editor.Kb.Api.V1.Kb.Articles.PostAsync(new KbModels.ArticleInput
        {
            Title = "Printer jams on every second page",
            Body = "Open tray 2, remove the torn sheet and reseat the fuser lever. If it still jams, raise a ticket.",
            Category = "Hardware",
            Language = "en",
            Tags = ["printer"],
        }, cancellationToken: Ct);
        await editor.Kb.Api.V1.Kb.Articles[draft!.Id!.Value].Publish.PostAsync(
            new KbModels.PublishInput { Visibility = KbModels.ArticleVisibility.Published }, cancellationToken: Ct);
        return draft;
    }
}
